using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Grading;

/// <summary>The final judgement and the grade decision (the assessor records it; QA and admins read it).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/judgement")]
public class JudgementController(CaseAuthorizer cases, JudgementService judgements, IValidator<JudgementInput> validator) : Controller
{
    public const string ConflictMessage = "Your changes were not saved: the judgement was changed (in another tab or by someone else) after you opened it. What you typed is still on the form, and the newer saved version is shown beside it. Check the differences, then save again to keep your version.";

    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadAssessment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        ViewData["Tab"] = "judgement";
        return View(await judgements.GetAsync(access.Case, null, conflict: false, cancellationToken));
    }

    /// <summary>Saves the draft, or (with Submit) submits it for the grade decision: authorize once, then one call to the service.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] JudgementInput input, CancellationToken cancellationToken)
    {
        // A submission moves the case: its facts are loaded once, tracked, and the authorization reads the same facts.
        var access = input.Submit
            ? await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Assess, forUpdate: true, cancellationToken)
            : await cases.AuthorizeAsync(User, caseId, CaseOperation.Assess, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var conflict = false;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        if (validation.IsValid)
        {
            var submitted = access.Snapshot is { } snapshot ? await judgements.SubmitAsync(snapshot, access.Case, input, cancellationToken) : null;
            var result = submitted?.Save ?? await judgements.SaveAsync(access.Case, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = submitted?.SuccessMessage() ?? "The judgement is saved. The grade it gives is shown below.";
                return RedirectToAction(nameof(Index), new { caseId });
            }

            if (result.Version is { } draft)
            {
                // A refused submission saved the draft first: the form carries on from that version.
                input.Version = draft;
            }

            conflict = result.Status == SaveStatus.Conflict;
            if (conflict)
            {
                ModelState.Clear();
                ModelState.AddModelError(string.Empty, ConflictMessage);
            }
            else
            {
                foreach (var problem in result.Problems)
                {
                    ModelState.AddModelError(string.Empty, problem);
                }
            }
        }

        Response.StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        ViewData["Tab"] = "judgement";
        return View(nameof(Index), await judgements.GetAsync(access.Case, input, conflict, cancellationToken));
    }

    /// <summary>The background save of wwwroot/js/assessor-autosave.js (a draft only, never a submission).</summary>
    [HttpPost("autosave")]
    public async Task<IActionResult> AutoSave(int caseId, [FromForm] JudgementInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Assess, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return Json(AutoSaveAnswer.Invalid(validation.Errors.Select(e => e.ErrorMessage).Distinct()));
        }

        return Json(AutoSaveAnswer.From(await judgements.SaveAsync(access.Case, input, cancellationToken)));
    }
}
