using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>/admin/cases/{id}/adjustments: the case's reasonable adjustments, recorded and decided by an admin.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/adjustments")]
public class AdjustmentsController(
    AdjustmentsService adjustments,
    CaseAuthorizer authorizer,
    IValidator<AdjustmentInput> inputValidator,
    IValidator<AdjustmentDecisionInput> decisionValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        return access.Succeeded ? View(await adjustments.PageAsync(access.Case!, null, null, null, cancellationToken)) : access.Refusal!;
    }

    [HttpPost("")]
    public async Task<IActionResult> Record(int id, [Bind(Prefix = "Input")] AdjustmentInput input, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var validation = await inputValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            await adjustments.RecordAsync(id, input, cancellationToken);
            TempData["Success"] = "The adjustment was recorded. Approve or refuse it below: only an approved adjustment changes the timings.";
            return RedirectToAction(nameof(Index), new { id });
        }

        validation.AddToModelState(ModelState, "Input");
        return Refused(await adjustments.PageAsync(access.Case!, input, null, null, cancellationToken));
    }

    [HttpPost("{adjustmentId:int}/decide")]
    public async Task<IActionResult> Decide(int id, int adjustmentId, [Bind(Prefix = "Decision")] AdjustmentDecisionInput input, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var validation = await decisionValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            if (!await adjustments.DecideAsync(id, adjustmentId, input, cancellationToken))
            {
                return NotFound();
            }

            TempData["Success"] = input.Approve == true
                ? "The adjustment was approved: the case's project window and interview use the adjusted timings."
                : "The adjustment was refused.";
            return RedirectToAction(nameof(Index), new { id });
        }

        validation.AddToModelState(ModelState, "Decision");
        return Refused(await adjustments.PageAsync(access.Case!, null, adjustmentId, input, cancellationToken));
    }

    /// <summary>The page again with the problems and everything typed, as 400.</summary>
    private ViewResult Refused(object model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), model);
    }
}

/// <summary>/employer/cases/{caseId}/adjustments: the employer requests reasonable adjustments for their
/// apprentice and follows the admin's decisions (the details only of their own requests).</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/adjustments")]
public class EmployerAdjustmentsController(
    AdjustmentsService adjustments,
    CaseAuthorizer authorizer,
    IValidator<AdjustmentInput> inputValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, caseId, CaseOperation.RequestAdjustment, cancellationToken);
        return access.Succeeded ? View(await adjustments.PageAsync(access.Case!, null, null, null, cancellationToken)) : access.Refusal!;
    }

    [HttpPost("")]
    public async Task<IActionResult> RequestAdjustment(int caseId, [Bind(Prefix = "Input")] AdjustmentInput input, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, caseId, CaseOperation.RequestAdjustment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var validation = await inputValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            await adjustments.RecordAsync(caseId, input, cancellationToken);
            TempData["Success"] = "Your request was sent to the assessment organisation, who will approve or refuse it with a reason.";
            return RedirectToAction(nameof(Index), new { caseId });
        }

        validation.AddToModelState(ModelState, "Input");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await adjustments.PageAsync(access.Case!, input, null, null, cancellationToken));
    }
}
