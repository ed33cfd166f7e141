using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The employer's selection criteria met by the apprentice (GCSEs, other qualifications, aptitude tests).</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/entry-requirements")]
public class EntryRequirementsController(EmployerService service, CaseAuthorizer cases, IValidator<EntryQualificationInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        return access.Succeeded ? View(await service.EntryRequirementsAsync(access.Case, null, HttpContext.RequestAborted)) : access.Refusal;
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int caseId, [Bind(Prefix = "Input")] EntryQualificationInput input)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var validation = await validator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Input");
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), await service.EntryRequirementsAsync(info, input, HttpContext.RequestAborted));
        }

        await service.AddEntryQualificationAsync(caseId, input, HttpContext.RequestAborted);
        TempData["Success"] = $"Added {input.Kind}: {input.Subject?.Trim()}.";
        return RedirectToAction(nameof(Index), new { caseId });
    }

    [HttpPost("{qualificationId:int}/remove")]
    public async Task<IActionResult> Remove(int caseId, int qualificationId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        if (!await service.RemoveEntryQualificationAsync(caseId, qualificationId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["Success"] = "The entry requirement was removed.";
        return RedirectToAction(nameof(Index), new { caseId });
    }
}
