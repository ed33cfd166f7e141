using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Appeals;

/// <summary>
/// Appeals: the apprentice (/apprentice/appeal) and the employer (/employer/cases/{id}/appeal) lodge one;
/// admins list them (/admin/appeals), assign an independent reviewer, who decides, and start the
/// re-assessment of an upheld appeal (/admin/cases/{id}/appeal).
/// </summary>
public class AppealsController(
    AppealsService appeals,
    CaseAccess access,
    OwnCase ownCase,
    IValidator<LodgeAppealInput> lodgeValidator,
    IValidator<AssignReviewerInput> assignValidator,
    IValidator<DecideAppealInput> decideValidator) : Controller
{
    [Authorize(Policy = Policies.Apprentice)]
    [HttpGet("apprentice/appeal")]
    public async Task<IActionResult> Apprentice(CancellationToken cancellationToken)
    {
        var info = await ApprenticeCaseAsync(cancellationToken);
        if (info is null)
        {
            return View("NoCase");
        }

        var model = await appeals.PartyPageAsync(info, cancellationToken);
        return model is null ? NotFound() : View("Party", model);
    }

    [Authorize(Policy = Policies.Apprentice)]
    [HttpPost("apprentice/appeal")]
    public async Task<IActionResult> ApprenticeLodge([Bind(Prefix = nameof(PartyAppealViewModel.Lodge))] LodgeAppealInput input, CancellationToken cancellationToken)
    {
        var info = await ApprenticeCaseAsync(cancellationToken);
        return info is null ? NotFound() : await LodgeAsync(info, input, nameof(Apprentice), cancellationToken);
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpGet("employer/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> Employer(int caseId, CancellationToken cancellationToken)
    {
        var info = await EmployerCaseAsync(caseId, cancellationToken);
        var model = info is null ? null : await appeals.PartyPageAsync(info, cancellationToken);
        return model is null ? NotFound() : View("Party", model);
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpPost("employer/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> EmployerLodge(int caseId, [Bind(Prefix = nameof(PartyAppealViewModel.Lodge))] LodgeAppealInput input, CancellationToken cancellationToken)
    {
        var info = await EmployerCaseAsync(caseId, cancellationToken);
        return info is null ? NotFound() : await LodgeAsync(info, input, nameof(Employer), cancellationToken);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/appeals")]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        View(await appeals.ListAsync(cancellationToken));

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> Admin(int caseId, CancellationToken cancellationToken)
    {
        var model = await appeals.AdminPageAsync(caseId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/reviewer")]
    public async Task<IActionResult> AssignReviewer(int caseId, [Bind(Prefix = nameof(AdminAppealViewModel.Assign))] AssignReviewerInput input, CancellationToken cancellationToken)
    {
        var validation = await assignValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminAppealViewModel.Assign), validation);
            return await RedisplayAdminAsync(caseId, m => m with { Assign = input }, cancellationToken);
        }

        var result = await appeals.AssignReviewerAsync(caseId, input.ReviewerId!, cancellationToken);
        return await AfterAdminAsync(caseId, result, "Reviewer assigned. They decide the appeal on this page.", m => m with { Assign = input }, cancellationToken);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/decision")]
    public async Task<IActionResult> Decide(int caseId, [Bind(Prefix = nameof(AdminAppealViewModel.Decide))] DecideAppealInput input, CancellationToken cancellationToken)
    {
        var validation = await decideValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminAppealViewModel.Decide), validation);
            return await RedisplayAdminAsync(caseId, m => m with { Decide = input }, cancellationToken);
        }

        var result = await appeals.DecideAsync(caseId, input.Outcome!.Value, input.Reason!.Trim(), cancellationToken);
        var success = input.Outcome == Domain.Cases.AppealOutcome.Upheld
            ? "Appeal upheld. Allocate a different assessor, then start the re-assessment. The apprentice and employer have been told."
            : "Appeal rejected: the result stands. The apprentice and employer have been told.";
        return await AfterAdminAsync(caseId, result, success, m => m with { Decide = input }, cancellationToken);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/reassessment")]
    public async Task<IActionResult> StartReassessment(int caseId, CancellationToken cancellationToken)
    {
        var result = await appeals.StartReassessmentAsync(caseId, cancellationToken);
        return await AfterAdminAsync(caseId, result, "Re-assessment started: the new assessor reviews the evidence again.", m => m, cancellationToken);
    }

    private async Task<IActionResult> LodgeAsync(CaseAccessInfo info, LodgeAppealInput input, string page, CancellationToken cancellationToken)
    {
        var validation = await lodgeValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await appeals.LodgeAsync(info.CaseId, input.Grounds!.Trim(), cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Success"] = "Your appeal has been received. A reviewer who had no part in the assessment will decide it; you will be told by e-mail.";
                return page == nameof(Apprentice) ? RedirectToAction(nameof(Apprentice)) : RedirectToAction(nameof(Employer), new { caseId = info.CaseId });
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
                ModelState.AddModelError($"{nameof(PartyAppealViewModel.Lodge)}.{error.PropertyName}", error.ErrorMessage);
            }
        }

        var model = await appeals.PartyPageAsync(info, cancellationToken);
        return model is null ? NotFound() : View("Party", model with { Lodge = input });
    }

    private async Task<IActionResult> AfterAdminAsync(int caseId, CommandResult result, string success, Func<AdminAppealViewModel, AdminAppealViewModel> keepInput, CancellationToken cancellationToken)
    {
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Admin), new { caseId });
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        return await RedisplayAdminAsync(caseId, keepInput, cancellationToken);
    }

    private async Task<IActionResult> RedisplayAdminAsync(int caseId, Func<AdminAppealViewModel, AdminAppealViewModel> keepInput, CancellationToken cancellationToken)
    {
        var model = await appeals.AdminPageAsync(caseId, cancellationToken);
        return model is null ? NotFound() : View(nameof(Admin), keepInput(model));
    }

    private void AddErrors(string prefix, FluentValidation.Results.ValidationResult validation)
    {
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }

    private async Task<CaseAccessInfo?> ApprenticeCaseAsync(CancellationToken cancellationToken) =>
        await ownCase.IdAsync(cancellationToken) is { } caseId
            && await access.VisibleCaseAsync(caseId, cancellationToken) is { } info
            && info.Relation.HasFlag(CaseRelation.Apprentice)
                ? info
                : null;

    private async Task<CaseAccessInfo?> EmployerCaseAsync(int caseId, CancellationToken cancellationToken) =>
        await access.VisibleCaseAsync(caseId, cancellationToken) is { } info && info.Relation.HasFlag(CaseRelation.Employer) ? info : null;
}
