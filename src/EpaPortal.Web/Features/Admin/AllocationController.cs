using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/cases/{id}/allocate: the eligible assessors with their caseload, and the allocation.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/allocate")]
public class AllocationController(AllocationService allocation, CaseAuthorizer cases) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await allocation.PageAsync(access.Snapshot!, null, [], cancellationToken)) : access.Refusal;
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(int id, string? assessorId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        IReadOnlyList<string> problems;
        if (string.IsNullOrWhiteSpace(assessorId))
        {
            ModelState.AddModelError("assessorId", "Choose the assessor to allocate.");
            problems = [];
        }
        else
        {
            var result = await allocation.AllocateAsync(access.Snapshot!, assessorId, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "The assessor was allocated and has been told by e-mail.";
                return RedirectToAction(nameof(AdminCasesController.Case), "AdminCases", new { id });
            }

            problems = result.Problems;
        }

        // Nothing was saved: the page is shown again from the facts already loaded.
        return View(await allocation.PageAsync(access.Snapshot!, assessorId, problems, cancellationToken));
    }
}
