using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/allocation: the cases waiting for an assessor, the portal's proposal, and the admin's confirmation.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/allocation")]
public class BulkAllocationController(BulkAllocationService bulk) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? version, int? organisation, [FromQuery(Name = "Selected")] List<int>? selected, CancellationToken cancellationToken) =>
        View(await bulk.PageAsync(null, version, organisation, selected, [], cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Index(BulkAllocationInput input, CancellationToken cancellationToken)
    {
        if (input.ProposeAgain)
        {
            // A new proposal for the ticked cases only: nothing is saved.
            return View(await bulk.PageAsync(null, input.Version, input.Organisation, input.Selected, input.Selected.Count == 0 ? ["Tick at least one case to propose for."] : [], cancellationToken));
        }

        var (allocated, problems) = await bulk.ConfirmAsync(input, cancellationToken);
        if (problems.Count == 0)
        {
            TempData["Success"] = allocated == 1
                ? "1 case was allocated; its assessor has been told by e-mail."
                : $"{allocated} cases were allocated; each assessor has been told by e-mail.";
            return RedirectToAction(nameof(Index), new { input.Version, input.Organisation });
        }

        // Nothing was saved: the page comes back with every tick and choice as it was sent.
        return View(await bulk.PageAsync(input, input.Version, input.Organisation, input.Selected, problems, cancellationToken));
    }
}
