using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>The assessor's confidential pre-interview notes (staff only; quality assurers and admins read them).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/notes")]
public class NotesController(AssessorCases cases, NotesService notes, IValidator<NotesInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        ViewData["Tab"] = "notes";
        return View(await notes.GetAsync(header, null, conflict: false, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] NotesInput input, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor)
        {
            return Forbid();
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
            var result = await notes.SaveAsync(header, input, includeQuestions: true, cancellationToken);
            switch (result.Status)
            {
                case SaveStatus.Saved:
                    TempData["Success"] = "Your notes are saved.";
                    return Redirect($"/assessor/cases/{caseId}/notes");
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
        return View(nameof(Index), await notes.GetAsync(header, input, conflict, cancellationToken));
    }

    /// <summary>The background save of wwwroot/js/assessor-autosave.js: conclusions and notes only, JSON answer.</summary>
    [HttpPost("autosave")]
    public async Task<IActionResult> AutoSave(int caseId, [FromForm] NotesInput input, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor)
        {
            return Forbid();
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return Json(AutoSaveAnswer.Invalid(validation.Errors.Select(e => e.ErrorMessage).Distinct()));
        }

        return Json(AutoSaveAnswer.From(await notes.SaveAsync(header, input, includeQuestions: false, cancellationToken)));
    }

    public const string ConflictMessage = "Your changes were not saved: these notes were changed (in another tab or by someone else) after you opened them. What you typed is still on the form, and the newer saved version is shown beside it. Check the differences, then save again to keep your version.";
}
