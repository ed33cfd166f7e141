using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

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
    IValidator<RegisterApprenticeInput> registerValidator) : Controller
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
}
