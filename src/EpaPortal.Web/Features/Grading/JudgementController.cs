using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Grading;

/// <summary>The final judgement and the grade decision (the assessor records it; QA and admins read it).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/judgement")]
public class JudgementController(AssessorCases cases, JudgementService judgements, IValidator<JudgementInput> validator) : Controller
{
    public const string ConflictMessage = "Your changes were not saved: the judgement was changed (in another tab or by someone else) after you opened it. What you typed is still on the form, and the newer saved version is shown beside it. Check the differences, then save again to keep your version.";

    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        ViewData["Tab"] = "judgement";
        return View(await judgements.GetAsync(header, null, conflict: false, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] JudgementInput input, CancellationToken cancellationToken)
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
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        if (validation.IsValid)
        {
            var submitted = input.Submit ? await judgements.SubmitAsync(header, input, cancellationToken) : null;
            var result = submitted?.Save ?? await judgements.SaveAsync(header, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = submitted?.SuccessMessage() ?? "The judgement is saved. The grade it gives is shown below.";
                return Redirect($"/assessor/cases/{caseId}/judgement");
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

        header = await cases.GetAsync(caseId, cancellationToken) ?? header;
        Response.StatusCode = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        ViewData["Tab"] = "judgement";
        return View(nameof(Index), await judgements.GetAsync(header, input, conflict, cancellationToken));
    }

    /// <summary>The background save of wwwroot/js/assessor-autosave.js (a draft only, never a submission).</summary>
    [HttpPost("autosave")]
    public async Task<IActionResult> AutoSave(int caseId, [FromForm] JudgementInput input, CancellationToken cancellationToken)
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

        return Json(AutoSaveAnswer.From(await judgements.SaveAsync(header, input, cancellationToken)));
    }
}
