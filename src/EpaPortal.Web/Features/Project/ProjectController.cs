using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Project;

/// <summary>The apprentice's synoptic project: brief, deliverables, summary and submission.</summary>
[Authorize(Policy = Policies.Apprentice)]
[Route("apprentice/project")]
public class ProjectController(ProjectService projects, CaseAuthorizer cases, CaseClock caseClock, UploadReceiver receiver, IValidator<ProjectSummaryInput> summaryValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // A window due to open or close moves first (as the background clock would), so the page shows it as it is.
        if ((await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken)).Case is not { } own)
        {
            return NotFound();
        }

        var caseId = (await caseClock.CatchUpAsync(own, cancellationToken)).CaseId;
        ViewData["Outcomes"] = UploadResults.Take(TempData);
        return View(await projects.GetPageAsync(caseId, null, cancellationToken));
    }

    [HttpPost("upload")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await projects.UploadTargetAsync(caseId, cancellationToken) is not { } target)
        {
            return NotFound();
        }

        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken);
        if (UploadResults.WantsJson(Request))
        {
            return UploadResults.Json(batch);
        }

        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Url.Action(nameof(Index))!, "Back to my project");
        }

        UploadResults.Keep(TempData, batch.Outcomes);
        if (batch.Problem is not null)
        {
            TempData["Error"] = batch.Problem;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost("summary")]
    public async Task<IActionResult> Summary([Bind(Prefix = "Summary")] ProjectSummaryInput input, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var validation = await summaryValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            if (await projects.SaveSummaryAsync(caseId, input, cancellationToken) is not { } problem)
            {
                TempData["Success"] = "Your summary was saved.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddModelError(string.Empty, problem);
        }
        else
        {
            validation.AddToModelState(ModelState, "Summary");
        }

        ViewData["Outcomes"] = Array.Empty<UploadOutcome>();
        return View("Index", await projects.GetPageAsync(caseId, input, cancellationToken));
    }

    [HttpPost("deliverables/{fileId:guid}/remove")]
    public async Task<IActionResult> RemoveDeliverable(Guid fileId, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var result = await projects.RemoveDeliverableAsync(caseId, fileId, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        TempData[result.Length == 0 ? "Success" : "Error"] = result.Length == 0 ? "The file was removed from your project." : result;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("submit")]
    public async Task<IActionResult> Submit(CancellationToken cancellationToken)
    {
        if ((await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken)).Case is not { } own)
        {
            return NotFound();
        }

        // The submission moves the case: the window's own clock-driven moves come first, then its facts are
        // loaded once, tracked, and authorized on.
        await caseClock.CatchUpAsync(own, cancellationToken);
        var access = await cases.AuthorizeWithFactsAsync(User, own.CaseId, CaseOperation.ActAsApprentice, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var problems = await projects.SubmitAsync(access.Snapshot!, cancellationToken);
        if (problems.Count == 0)
        {
            TempData["Success"] = "Your project has been submitted. Your assessor will review it with your portfolio before the interview.";
        }
        else
        {
            TempData["Error"] = string.Join(" ", problems);
        }

        return RedirectToAction(nameof(Index));
    }

    /// <summary>The signed-in apprentice's own case, authorized for the apprentice's actions (the pages carry no case id).</summary>
    private async Task<int?> OwnCaseIdAsync(CancellationToken cancellationToken) =>
        (await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken)).Case?.CaseId;
}
