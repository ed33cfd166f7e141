using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/cases/{id}/allocate: the eligible assessors with their caseload, and the allocation.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/allocate")]
public class AllocationController(AllocationService allocation) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken) =>
        await allocation.PageAsync(id, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Index(int id, string? assessorId, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems;
        if (string.IsNullOrWhiteSpace(assessorId))
        {
            ModelState.AddModelError("assessorId", "Choose the assessor to allocate.");
            problems = [];
        }
        else
        {
            var result = await allocation.AllocateAsync(id, assessorId, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Success"] = "The assessor was allocated and has been told by e-mail.";
                return Redirect($"/admin/cases/{id}");
            }

            problems = result.Problems;
        }

        return await allocation.PageAsync(id, assessorId, problems, cancellationToken) is { } model ? View(model) : NotFound();
    }
}
