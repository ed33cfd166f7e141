using EpaPortal.Domain.Access;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Quality;

/// <summary>/quality: the quality assurer's queue and the QA case page (approve, or return with a reason).</summary>
[Authorize(Policy = Policies.QualityAssurer)]
[Route("quality")]
public class QualityController(CaseAuthorizer cases, QualityService quality, IValidator<ReturnGradeInput> returnValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await quality.QueueAsync(page, sort, cancellationToken));

    /// <summary>The queue this quality assurer may check, as CSV, in its sort (issue 21).</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? sort, CancellationToken cancellationToken) =>
        CsvFile.Download("qa-queue.csv", QualityService.QueueExportHeader, (await quality.QueueExportAsync(sort, cancellationToken)).Select(QualityService.QueueExportCells));

    /// <summary>The history beside the queue: the grades this quality assurer approved or returned, newest first.</summary>
    [HttpGet("decided")]
    public async Task<IActionResult> Decided(string? after, string? before, CancellationToken cancellationToken) =>
        View(await quality.DecidedAsync(new PageRequest(after, before), cancellationToken));

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ReviewQuality, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await quality.CaseAsync(access.Snapshot!, cancellationToken)) : Refuse(access);
    }

    [HttpPost("cases/{caseId:int}/approve")]
    public async Task<IActionResult> Approve(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ReviewQuality, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return Refuse(access);
        }

        var result = await quality.ApproveAsync(access.Snapshot!, cancellationToken);
        if (!result.Succeeded)
        {
            TempData["Error"] = string.Join(" ", result.Problems);
            return RedirectToAction(nameof(Case), new { caseId });
        }

        TempData["Success"] = "Grade approved. The result is ready for an admin to release.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("cases/{caseId:int}/return")]
    public async Task<IActionResult> ReturnGrade(int caseId, [Bind(Prefix = nameof(QaCaseViewModel.Return))] ReturnGradeInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ReviewQuality, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return Refuse(access);
        }

        var validation = await returnValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(QaCaseViewModel.Return)}.{error.PropertyName}", error.ErrorMessage);
            }

            return await RedisplayAsync(access.Snapshot!, input, cancellationToken);
        }

        var result = await quality.ReturnAsync(access.Snapshot!, input.Target!.Value, input.Reason!.Trim(), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            return await RedisplayAsync(access.Snapshot!, input, cancellationToken);
        }

        TempData["Success"] = "Grade returned to the assessor with your reason. They have been told by e-mail.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Records a moderated grade instead of approving or returning it (issue 21, item 5); it also approves the grade.</summary>
    [HttpPost("cases/{caseId:int}/moderate")]
    public async Task<IActionResult> Moderate(int caseId, [Bind(Prefix = nameof(QaCaseViewModel.Moderate))] ModerateGradeInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ReviewQuality, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return Refuse(access);
        }

        var result = await quality.ModerateAsync(access.Snapshot!, input.ToRequest(), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(nameof(QaCaseViewModel.Moderate), problem);
            }

            // Refused: nothing was saved and the tracked changes were cleared, so the snapshot shows the case as it is.
            return View(nameof(Case), await quality.CaseAsync(access.Snapshot!, cancellationToken) with { Moderate = input });
        }

        TempData["Success"] = "Grade moderated and approved: your grade is the one released. The assessor has been told by e-mail.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The page again with what the quality assurer typed (nothing was saved: the facts loaded are still the case's).</summary>
    private async Task<IActionResult> RedisplayAsync(Cases.CaseSnapshot snapshot, ReturnGradeInput input, CancellationToken cancellationToken) =>
        View(nameof(Case), await quality.CaseAsync(snapshot, cancellationToken) with { Return = input });

    /// <summary>404 for a case the user has no part in; 403 with the reason for someone who may see it (its own assessor).</summary>
    private IActionResult Refuse(CaseAuthorization access)
    {
        if (!access.Forbidden)
        {
            return access.Refusal!;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Forbidden", QualityService.AssessedMessage);
    }
}
