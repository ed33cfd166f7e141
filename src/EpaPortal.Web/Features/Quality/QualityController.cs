using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Quality;

/// <summary>/quality: the quality assurer's queue and the QA case page (approve, or return with a reason).</summary>
[Authorize(Policy = Policies.QualityAssurer)]
[Route("quality")]
public class QualityController(QualityService quality, IValidator<ReturnGradeInput> returnValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(await quality.QueueAsync(page, cancellationToken));

    /// <summary>The history beside the queue: the grades this quality assurer approved or returned, newest first.</summary>
    [HttpGet("decided")]
    public async Task<IActionResult> Decided(string? after, string? before, CancellationToken cancellationToken) =>
        View(await quality.DecidedAsync(new PageRequest(after, before), cancellationToken));

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(caseId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var model = await quality.CaseAsync(caseId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("cases/{caseId:int}/approve")]
    public async Task<IActionResult> Approve(int caseId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(caseId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await quality.ApproveAsync(caseId, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

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
        if (await RefuseAsync(caseId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var validation = await returnValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(QaCaseViewModel.Return)}.{error.PropertyName}", error.ErrorMessage);
            }

            return await RedisplayAsync(caseId, input, cancellationToken);
        }

        var result = await quality.ReturnAsync(caseId, input.Target!.Value, input.Reason!.Trim(), cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            return await RedisplayAsync(caseId, input, cancellationToken);
        }

        TempData["Success"] = "Grade returned to the assessor with your reason. They have been told by e-mail.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> RedisplayAsync(int caseId, ReturnGradeInput input, CancellationToken cancellationToken)
    {
        var model = await quality.CaseAsync(caseId, cancellationToken);
        return model is null ? NotFound() : View(nameof(Case), model with { Return = input });
    }

    /// <summary>404 for a case the user has no part in; 403 with the reason for the case's own assessor.</summary>
    private async Task<IActionResult?> RefuseAsync(int caseId, CancellationToken cancellationToken)
    {
        var (access, _) = await quality.CheckAccessAsync(caseId, cancellationToken);
        switch (access)
        {
            case QaAccess.Allowed:
                return null;
            case QaAccess.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return View("Forbidden", QualityService.AssessedMessage);
            default:
                return NotFound();
        }
    }
}
