using EpaPortal.Domain.Access;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>The assessor's confidential pre-interview notes (staff only; quality assurers and admins read them).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/notes")]
public class NotesController(CaseAuthorizer cases, NotesService notes, IValidator<NotesInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadAssessment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        ViewData["Tab"] = "notes";
        return View(await notes.GetAsync(access.Case, null, conflict: false, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] NotesInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Assess, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var conflict = false;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }
        else
        {
            var result = await notes.SaveAsync(access.Case, input, includeQuestions: true, cancellationToken);
            switch (result.Status)
            {
                case SaveStatus.Saved:
                    TempData["Success"] = "Your notes are saved.";
                    return RedirectToAction(nameof(Index), new { caseId });
                case SaveStatus.Conflict:
                    // Values are rendered from the model (the user's text and the newer version), not ModelState.
                    ModelState.Clear();
                    ModelState.AddModelError(string.Empty, ConflictMessage);
                    conflict = true;
                    break;
                default:
                    foreach (var problem in result.Problems)
                    {
                        ModelState.AddModelError(string.Empty, problem);
                    }

                    break;
            }
        }

        Response.StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        ViewData["Tab"] = "notes";
        return View(nameof(Index), await notes.GetAsync(access.Case, input, conflict, cancellationToken));
    }

    /// <summary>The background save of wwwroot/js/assessor-autosave.js: conclusions and notes only, JSON answer.</summary>
    [HttpPost("autosave")]
    public async Task<IActionResult> AutoSave(int caseId, [FromForm] NotesInput input, CancellationToken cancellationToken)
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

        return Json(AutoSaveAnswer.From(await notes.SaveAsync(access.Case, input, includeQuestions: false, cancellationToken)));
    }

    public const string ConflictMessage = "Your changes were not saved: these notes were changed (in another tab or by someone else) after you opened them. What you typed is still on the form, and the newer saved version is shown beside it. Check the differences, then save again to keep your version.";
}
