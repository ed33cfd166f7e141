using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Employer;

/// <summary>Portfolio authenticity: the employer confirms the submitted portfolio is the apprentice's own work, or returns it.</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/portfolio")]
public class EmployerPortfolioController(
    EmployerService service,
    CaseAuthorizer cases,
    IValidator<PortfolioConfirmInput> confirmValidator,
    IValidator<PortfolioReturnInput> returnValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        return access.Succeeded ? View(await service.PortfolioAsync(access.Case, null, null, [], HttpContext.RequestAborted)) : access.Refusal;
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(int caseId, [Bind(Prefix = "Confirm")] PortfolioConfirmInput input)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsEmployer, forUpdate: true, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var validation = await confirmValidator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Confirm");
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, input, null, [], HttpContext.RequestAborted));
        }

        var result = await service.ConfirmPortfolioAsync(access.Snapshot!, input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, input, null, result.Problems, HttpContext.RequestAborted));
        }

        TempData["Success"] = $"You confirmed that {info.ApprenticeName}'s portfolio is their own work.";
        return RedirectToAction(nameof(EmployerController.Case), "Employer", new { caseId });
    }

    [HttpPost("return")]
    public async Task<IActionResult> Return(int caseId, [Bind(Prefix = "Return")] PortfolioReturnInput input)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsEmployer, forUpdate: true, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var validation = await returnValidator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Return");
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, null, input, [], HttpContext.RequestAborted));
        }

        var result = await service.ReturnPortfolioAsync(access.Snapshot!, input, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, null, input, result.Problems, HttpContext.RequestAborted));
        }

        TempData["Success"] = $"You returned the portfolio to {info.ApprenticeName}; they can change it and submit it again.";
        return RedirectToAction(nameof(EmployerController.Case), "Employer", new { caseId });
    }
}
