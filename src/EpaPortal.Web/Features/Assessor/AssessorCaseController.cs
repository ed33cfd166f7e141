using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The case review: everything the assessor assesses before the interview, in one place.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}")]
public class AssessorCaseController(AssessorCases cases, CaseReviewService reviews, CaseCommands commands, CaseClock caseClock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        ViewData["Tab"] = "review";
        return View(await reviews.GetAsync(header, cancellationToken));
    }

    /// <summary>ProjectSubmitted (or an upheld appeal) → PreInterviewReview: the assessor starts the review.</summary>
    [HttpPost("start-review")]
    public async Task<IActionResult> StartReview(int caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor && !header.IsAdmin)
        {
            return Forbid();
        }

        var result = await commands.TransitionAsync(caseId, CaseState.PreInterviewReview, reason: null, cancellationToken: cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Success"] = "The pre-interview review has started: record your initial conclusions and the questions to explore.";
            return Redirect($"/assessor/cases/{caseId}/notes");
        }

        TempData["Error"] = string.Join(" ", result.Problems);
        return Redirect($"/assessor/cases/{caseId}");
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

        // Only a project window moves a case on its own (ProjectScheduled → ProjectInProgress → ProjectSubmitted).
        if (header.State is not (CaseState.ProjectScheduled or CaseState.ProjectInProgress))
        {
            return header;
        }

        return await caseClock.AdvanceAsync(caseId, cancellationToken) > 0 ? await cases.GetAsync(caseId, cancellationToken) : header;
    }
}
