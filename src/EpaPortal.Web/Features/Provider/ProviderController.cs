using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Provider;

/// <summary>
/// The training provider's pages (issue 19): its apprentices across every employer it works with, the page of
/// one case (released result only) and the gateway co-signature. Access to each case is the domain's
/// (<see cref="CaseOperation.ActAsProvider"/> through the case authorization handler).
/// </summary>
[Authorize(Policy = Policies.Provider)]
[Route("provider")]
public class ProviderController(
    ProviderService service,
    ProviderRegistration registration,
    CaseAuthorizer cases,
    IValidator<CoSignInput> validator,
    IValidator<RegisterApprenticeInput> registerValidator,
    IValidator<AgreeNextAttemptInput> agreeValidator,
    GatewayService gateway,
    SupportiveActionPlanUpload planUpload,
    UploadReceiver receiver) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] int page = 1, [FromQuery] string? show = null) =>
        View(await service.DashboardAsync(page, string.Equals(show, "closed", StringComparison.OrdinalIgnoreCase), HttpContext.RequestAborted));

    [HttpGet("register")]
    public async Task<IActionResult> Register() =>
        View(await registration.PageAsync(null, [], HttpContext.RequestAborted));

    [HttpPost("register")]
    public async Task<IActionResult> Register([Bind(Prefix = "Input")] RegisterApprenticeInput input)
    {
        var validation = await registerValidator.ValidateAsync(input, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(await registration.PageAsync(input, [], HttpContext.RequestAborted));
        }

        var (caseId, problems) = await registration.RegisterAsync(input, HttpContext.RequestAborted);
        if (caseId is null)
        {
            return View(await registration.PageAsync(input, problems, HttpContext.RequestAborted));
        }

        TempData["Success"] = $"The end-point assessment of {input.GivenNames!.Trim()} {input.FamilyName!.Trim()} is registered. The employer has been asked for the employer reference.";
        return RedirectToAction(nameof(Case), new { caseId });
    }

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsProvider, HttpContext.RequestAborted);
        return access.Succeeded ? View(await service.CaseAsync(access.Case, null, [], HttpContext.RequestAborted)) : access.Refusal;
    }

    [HttpPost("cases/{caseId:int}/gateway/co-sign")]
    public async Task<IActionResult> CoSign(int caseId, [Bind(Prefix = "CoSign")] CoSignInput input)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsProvider, forUpdate: true, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await validator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "CoSign");
        if (!ModelState.IsValid)
        {
            return View(nameof(Case), await service.CaseAsync(access.Case, input, [], HttpContext.RequestAborted));
        }

        var result = await service.CoSignAsync(access.Snapshot!, input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return View(nameof(Case), await service.CaseAsync(access.Case, input, result.Problems, HttpContext.RequestAborted));
        }

        TempData["Success"] = $"You co-signed {access.Case.ApprenticeName}'s gateway. The employer can now submit it.";
        return RedirectToAction(nameof(Case), new { caseId });
    }

    /// <summary>
    /// The provider uploads one gateway evidence file (a knowledge-module certificate, English or maths) while the
    /// gateway is being prepared, through the employer's gateway upload path (the same receiver, checks, store and
    /// audit); the employer's form then offers it. Streamed, so the antiforgery token is checked by the receiver.
    /// </summary>
    [HttpPost("cases/{caseId:int}/gateway/evidence")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> UploadEvidence(int caseId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsProvider, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var modules = await gateway.ModuleNamesAsync(access.Case, cancellationToken);
        var target = gateway.UploadTarget(access.Case, access.Snapshot!, modules);
        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken);
        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Url.Action(nameof(Case), new { caseId })!, "Back to the case");
        }

        var messages = batch.Outcomes.Select(o => o.Message).ToList();
        if (batch.Problem is not null)
        {
            messages.Add(batch.Problem);
        }

        if (batch.Outcomes.Count > 0 && batch.Outcomes.All(o => o.Accepted) && batch.Status == UploadBatchStatus.Complete)
        {
            TempData["Success"] = string.Join(' ', messages) + " The employer's gateway form now offers it.";
            return RedirectToAction(nameof(Case), null, new { caseId }, "gateway-evidence");
        }

        if (messages.Count == 0)
        {
            messages.Add("Choose the item and the file to upload.");
        }

        return View(nameof(Case), await service.CaseAsync(access.Case, null, [], null, [], messages, cancellationToken));
    }

    /// <summary>After a released Fail, the provider agrees to a re-sit or a re-take (a re-take with its supportive action plan).</summary>
    [HttpPost("cases/{caseId:int}/next-attempt")]
    public async Task<IActionResult> AgreeNextAttempt(int caseId, [Bind(Prefix = "Agree")] AgreeNextAttemptInput input)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsProvider, forUpdate: true, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await agreeValidator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Agree");
        if (!ModelState.IsValid)
        {
            return View(nameof(Case), await service.CaseAsync(access.Case, null, [], input, [], [], HttpContext.RequestAborted));
        }

        var result = await service.AgreeNextAttemptAsync(access.Snapshot!, input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return View(nameof(Case), await service.CaseAsync(access.Case, null, [], input, result.Problems, [], HttpContext.RequestAborted));
        }

        TempData["Success"] = $"You agreed to a {Domain.Common.DisplayNames.Of(input.Kind!.Value)} for {access.Case.ApprenticeName}. The assessment organisation will plan it.";
        return RedirectToAction(nameof(Case), null, new { caseId }, "next-attempt");
    }

    /// <summary>The supportive action plan as a document (optional), after the provider agreed a re-take with its written plan.</summary>
    [HttpPost("cases/{caseId:int}/next-attempt/plan")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> UploadPlan(int caseId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsProvider, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var batch = await receiver.ReceiveAsync(HttpContext, planUpload.Target(access.Snapshot!), cancellationToken);
        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Url.Action(nameof(Case), new { caseId })!, "Back to the case");
        }

        var messages = batch.Outcomes.Select(o => o.Message).ToList();
        if (batch.Problem is not null)
        {
            messages.Add(batch.Problem);
        }

        if (batch.Outcomes.Count > 0 && batch.Outcomes.All(o => o.Accepted) && batch.Status == UploadBatchStatus.Complete)
        {
            TempData["Success"] = string.Join(' ', messages);
            return RedirectToAction(nameof(Case), null, new { caseId }, "next-attempt");
        }

        if (messages.Count == 0)
        {
            messages.Add("Choose the file of the plan to attach.");
        }

        return View(nameof(Case), await service.CaseAsync(access.Case, null, [], null, messages, [], cancellationToken));
    }
}
