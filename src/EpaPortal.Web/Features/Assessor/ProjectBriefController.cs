using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The project brief and window of the current attempt: the allocated assessor or an admin sets it.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/project")]
public class ProjectBriefController(AssessorCases cases, ProjectBriefService briefs, CaseClock caseClock, IValidator<ProjectBriefInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        // Take any due window move first, so the page shows the case as it is now.
        if (await CurrentAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        ViewData["Tab"] = "project";
        return View(await briefs.GetAsync(header, null, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] ProjectBriefInput input, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor && !header.IsAdmin)
        {
            return Forbid();
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await briefs.SaveAsync(header, input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "The project brief and window are saved. The apprentice and employer have been told the dates; the brief stays hidden from them until the window opens.";
                return RedirectToAction(nameof(Index), new { caseId });
            }

            if (result.NotFound)
            {
                return NotFound();
            }

            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            header = await cases.GetAsync(caseId, cancellationToken) ?? header;
        }
        else
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }

        ViewData["Tab"] = "project";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await briefs.GetAsync(header, input, cancellationToken));
    }

    /// <summary>The case as it is now: a project window that is due to open or close moves first (only for
    /// someone who may see the case).</summary>
    private async Task<AssessorCaseHeader?> CurrentAsync(int caseId, CancellationToken cancellationToken)
    {
        var header = await cases.GetAsync(caseId, cancellationToken);
        if (header is null)
        {
            return null;
        }

        return await caseClock.AdvanceAsync(caseId, cancellationToken) > 0 ? await cases.GetAsync(caseId, cancellationToken) : header;
    }
}
