using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.References;

/// <summary>An admin reads a case's employer reference and can reopen a submitted one with a reason.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{caseId:int}/reference")]
public class AdminReferenceController(ReferenceService service, CaseAuthorizer cases, IValidator<ReopenReferenceInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Administer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var context = await service.ContextAsync(info, HttpContext.RequestAborted);
        var reference = await service.FindAsync(caseId, HttpContext.RequestAborted);
        return View(ReferenceService.ReadOnly(context, reference, reopen: new ReopenReferenceInput()));
    }

    [HttpPost("reopen")]
    public async Task<IActionResult> Reopen(int caseId, [Bind(Prefix = "Reopen")] ReopenReferenceInput input)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Administer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var validation = await validator.ValidateAsync(input, HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Reopen");
        var problem = ModelState.IsValid ? await service.ReopenAsync(caseId, input.Reason!, HttpContext.RequestAborted) : null;
        if (!ModelState.IsValid || problem is not null)
        {
            if (problem is not null)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            var context = await service.ContextAsync(info, HttpContext.RequestAborted);
            return View(nameof(Index), ReferenceService.ReadOnly(context, await service.FindAsync(caseId, HttpContext.RequestAborted), reopen: input));
        }

        TempData["Success"] = "The reference was reopened. The employer can change it and submit it again.";
        return RedirectToAction(nameof(Index), new { caseId });
    }
}
