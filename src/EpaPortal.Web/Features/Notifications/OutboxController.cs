using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>/admin/outbox: e-mails waiting, failing or given up, with "retry now".</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/outbox")]
public class OutboxController(OutboxAdminService outbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(OutboxFilter show = OutboxFilter.Pending, int page = 1, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(show))
        {
            show = OutboxFilter.Pending;
        }

        return View(await outbox.ListAsync(show, page, cancellationToken));
    }

    [HttpPost("{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, OutboxFilter show = OutboxFilter.Pending, CancellationToken cancellationToken = default)
    {
        if (!await outbox.RetryNowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The message will be sent again within a few seconds.";
        return RedirectToAction(nameof(Index), new { show });
    }
}
