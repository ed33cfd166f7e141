using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
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
    CaseAuthorizer cases,
    IValidator<LodgeAppealInput> lodgeValidator,
    IValidator<AssignReviewerInput> assignValidator,
    IValidator<DecideAppealInput> decideValidator) : Controller
{
    [Authorize(Policy = Policies.Apprentice)]
    [HttpGet("apprentice/appeal")]
    public async Task<IActionResult> Apprentice(CancellationToken cancellationToken)
    {
        var access = await ApprenticeCaseAsync(forUpdate: false, cancellationToken);
        return access.Succeeded ? View("Party", await appeals.PartyPageAsync(access.Snapshot!, access.Case, cancellationToken)) : View("NoCase");
    }

    [Authorize(Policy = Policies.Apprentice)]
    [HttpPost("apprentice/appeal")]
    public async Task<IActionResult> ApprenticeLodge([Bind(Prefix = nameof(PartyAppealViewModel.Lodge))] LodgeAppealInput input, CancellationToken cancellationToken)
    {
        var access = await ApprenticeCaseAsync(forUpdate: true, cancellationToken);
        return access.Succeeded ? await LodgeAsync(access, input, nameof(Apprentice), cancellationToken) : NotFound();
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpGet("employer/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> Employer(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsEmployer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View("Party", await appeals.PartyPageAsync(access.Snapshot!, access.Case, cancellationToken)) : access.Refusal;
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpPost("employer/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> EmployerLodge(int caseId, [Bind(Prefix = nameof(PartyAppealViewModel.Lodge))] LodgeAppealInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsEmployer, forUpdate: true, cancellationToken);
        return access.Succeeded ? await LodgeAsync(access, input, nameof(Employer), cancellationToken) : access.Refusal;
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/appeals")]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        View(await appeals.ListAsync(cancellationToken));

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("admin/cases/{caseId:int}/appeal")]
    public async Task<IActionResult> Admin(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await appeals.AdminPageAsync(access.Snapshot!, cancellationToken)) : access.Refusal;
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/reviewer")]
    public async Task<IActionResult> AssignReviewer(int caseId, [Bind(Prefix = nameof(AdminAppealViewModel.Assign))] AssignReviewerInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await assignValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminAppealViewModel.Assign), validation);
            return await RedisplayAdminAsync(access.Snapshot!, m => m with { Assign = input }, cancellationToken);
        }

        var result = await appeals.AssignReviewerAsync(access.Snapshot!, input.ReviewerId!, cancellationToken);
        return await AfterAdminAsync(access.Snapshot!, result, "Reviewer assigned. They decide the appeal on this page.", m => m with { Assign = input }, cancellationToken);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/decision")]
    public async Task<IActionResult> Decide(int caseId, [Bind(Prefix = nameof(AdminAppealViewModel.Decide))] DecideAppealInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await decideValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            AddErrors(nameof(AdminAppealViewModel.Decide), validation);
            return await RedisplayAdminAsync(access.Snapshot!, m => m with { Decide = input }, cancellationToken);
        }

        var result = await appeals.DecideAsync(access.Snapshot!, input.Outcome!.Value, input.Reason!.Trim(), cancellationToken);
        var success = input.Outcome == Domain.Cases.AppealOutcome.Upheld
            ? "Appeal upheld. Allocate a different assessor, then start the re-assessment. The apprentice and employer have been told."
            : "Appeal rejected: the result stands. The apprentice and employer have been told.";
        return await AfterAdminAsync(access.Snapshot!, result, success, m => m with { Decide = input }, cancellationToken);
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("admin/cases/{caseId:int}/appeal/reassessment")]
    public async Task<IActionResult> StartReassessment(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var result = await appeals.StartReassessmentAsync(access.Snapshot!, cancellationToken);
        return await AfterAdminAsync(access.Snapshot!, result, "Re-assessment started: the new assessor reviews the evidence again.", m => m, cancellationToken);
    }

    private async Task<IActionResult> LodgeAsync(CaseAuthorization access, LodgeAppealInput input, string page, CancellationToken cancellationToken)
    {
        var info = access.Case!;
        var validation = await lodgeValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await appeals.LodgeAsync(access.Snapshot!, input.Grounds!.Trim(), cancellationToken);
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

        return View("Party", await appeals.PartyPageAsync(access.Snapshot!, info, cancellationToken) with { Lodge = input });
    }

    private async Task<IActionResult> AfterAdminAsync(CaseSnapshot snapshot, CommandResult result, string success, Func<AdminAppealViewModel, AdminAppealViewModel> keepInput, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Success"] = success;
            return RedirectToAction(nameof(Admin), new { caseId = snapshot.Case.Id });
        }

        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        return await RedisplayAdminAsync(snapshot, keepInput, cancellationToken);
    }

    /// <summary>The admin page again with what was typed (nothing was saved: the facts loaded are still the case's).</summary>
    private async Task<IActionResult> RedisplayAdminAsync(CaseSnapshot snapshot, Func<AdminAppealViewModel, AdminAppealViewModel> keepInput, CancellationToken cancellationToken) =>
        View(nameof(Admin), keepInput(await appeals.AdminPageAsync(snapshot, cancellationToken)));

    private void AddErrors(string prefix, FluentValidation.Results.ValidationResult validation)
    {
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }

    /// <summary>The signed-in apprentice's own case with its facts, authorized for the apprentice's actions.</summary>
    private async Task<CaseAuthorization> ApprenticeCaseAsync(bool forUpdate, CancellationToken cancellationToken) =>
        (await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken)).Case is { } own
            ? await cases.AuthorizeWithFactsAsync(User, own.CaseId, CaseOperation.ActAsApprentice, forUpdate, cancellationToken)
            : CaseAuthorization.Missing;
}
