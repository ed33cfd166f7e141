using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The case review: everything the assessor assesses before the interview, in one place.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}")]
public class AssessorCaseController(CaseAuthorizer cases, CaseReviewService reviews, CaseCommands commands, CaseClock caseClock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadAssessment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        ViewData["Tab"] = "review";
        return View(await reviews.GetAsync(await caseClock.CatchUpAsync(access.Case, cancellationToken), cancellationToken));
    }

    /// <summary>ProjectSubmitted (or an upheld appeal) → PreInterviewReview: the assessor starts the review.</summary>
    [HttpPost("start-review")]
    public async Task<IActionResult> StartReview(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ArrangeAssessment, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var result = await commands.TransitionAsync(access.Snapshot!, CaseState.PreInterviewReview, reason: null, cancellationToken: cancellationToken);
        if (result.Succeeded)
        {
            TempData["Success"] = "The pre-interview review has started: record your initial conclusions and the questions to explore.";
            return RedirectToAction(nameof(NotesController.Index), "Notes", new { caseId });
        }

        TempData["Error"] = string.Join(" ", result.Problems);
        return RedirectToAction(nameof(Index), new { caseId });
    }
}
