using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The project brief and window of the current attempt: the allocated assessor or an admin sets it.</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/project")]
public class ProjectBriefController(CaseAuthorizer cases, ProjectBriefService briefs, CaseClock caseClock, IValidator<ProjectBriefInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadAssessment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        // Take any due window move first, so the page shows the case as it is now.
        ViewData["Tab"] = "project";
        return View(await briefs.GetAsync(await caseClock.CatchUpAsync(access.Case, cancellationToken), null, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [FromForm] ProjectBriefInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ArrangeAssessment, forUpdate: true, cancellationToken);
        if (access.Succeeded && caseClock.IsDue(access.Case))
        {
            // A window due to open moves first: a brief the apprentice may already see is not changed.
            await caseClock.AdvanceAsync(caseId, cancellationToken);
            access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ArrangeAssessment, forUpdate: true, cancellationToken);
        }

        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var header = access.Case;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && !Infrastructure.DateInput.DateParts.AnyRefused(ModelState))
        {
            var result = await briefs.SaveAsync(access.Snapshot!, header, input, cancellationToken);
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
}
