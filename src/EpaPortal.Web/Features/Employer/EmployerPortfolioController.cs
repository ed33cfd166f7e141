using EpaPortal.Web.Features.Cases;
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
    CaseAccess access,
    IValidator<PortfolioConfirmInput> confirmValidator,
    IValidator<PortfolioReturnInput> returnValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var info = await EmployerCase.AccessAsync(access, caseId, HttpContext.RequestAborted);
        return info is null ? NotFound() : View(await service.PortfolioAsync(info, null, null, [], HttpContext.RequestAborted));
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(int caseId, [Bind(Prefix = "Confirm")] PortfolioConfirmInput input)
    {
        var info = await EmployerCase.AccessAsync(access, caseId, HttpContext.RequestAborted);
        if (info is null)
        {
            return NotFound();
        }

        var validation = await confirmValidator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Confirm");
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, input, null, [], HttpContext.RequestAborted));
        }

        var result = await service.ConfirmPortfolioAsync(caseId, input, HttpContext.RequestAborted);
        if (result.NotFound)
        {
            return NotFound();
        }

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
        var info = await EmployerCase.AccessAsync(access, caseId, HttpContext.RequestAborted);
        if (info is null)
        {
            return NotFound();
        }

        var validation = await returnValidator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Return");
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, null, input, [], HttpContext.RequestAborted));
        }

        var result = await service.ReturnPortfolioAsync(caseId, input, HttpContext.RequestAborted);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return View(nameof(Index), await service.PortfolioAsync(info, null, input, result.Problems, HttpContext.RequestAborted));
        }

        TempData["Success"] = $"You returned the portfolio to {info.ApprenticeName}; they can change it and submit it again.";
        return RedirectToAction(nameof(EmployerController.Case), "Employer", new { caseId });
    }
}
