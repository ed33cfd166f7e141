using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Employer;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.References;

/// <summary>The employer writes the reference online: save a draft at any time, submit when complete.</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/reference")]
public class ReferenceController(ReferenceService service, CaseAuthorizer cases, IValidator<ReferenceInputModel> validator, TimeProvider clock) : Controller
{
    public const string SaveCommand = "save";
    public const string SubmitCommand = "submit";

    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var context = await service.ContextAsync(info, HttpContext.RequestAborted);
        var reference = await service.FindAsync(caseId, HttpContext.RequestAborted);
        return reference?.Status == ReferenceStatus.Submitted
            ? View("ReadOnly", ReferenceService.ReadOnly(context, reference))
            : View("Edit", ReferenceService.Form(context, reference, ReferenceService.InputFrom(context, reference)));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int caseId, [Bind(Prefix = "Input")] ReferenceInputModel input, string? command)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;

        var submit = command == SubmitCommand;
        var context = await service.ContextAsync(info, HttpContext.RequestAborted);
        ReferenceService.Align(context, input);
        var current = await service.FindAsync(caseId, HttpContext.RequestAborted);
        if (current?.Status == ReferenceStatus.Submitted)
        {
            return View("ReadOnly", ReferenceService.ReadOnly(context, current, unsaved: input));
        }

        var validation = submit
            ? await validator.ValidateAsync(input, HttpContext.RequestAborted)
            : await validator.ValidateAsync(input, o => o.IncludeRuleSets(ReferenceInputModelValidator.Draft), HttpContext.RequestAborted);
        validation.AddToModelState(ModelState, "Input");
        if (!ModelState.IsValid)
        {
            return View("Edit", ReferenceService.Form(context, current, input));
        }

        var status = await service.SaveAsync(context, input, submit, HttpContext.RequestAborted);
        var saved = await service.FindAsync(caseId, HttpContext.RequestAborted);
        switch (status)
        {
            case ReferenceSaveStatus.Saved:
                TempData["Success"] = $"Draft saved at {UkTime.ToUk(clock.GetUtcNow()):HH:mm}. You can come back and finish it at any time.";
                return RedirectToAction(nameof(Index), new { caseId });
            case ReferenceSaveStatus.Submitted:
                TempData["Success"] = "The employer reference has been submitted. Thank you.";
                return RedirectToAction(nameof(EmployerController.Case), "Employer", new { caseId });
            case ReferenceSaveStatus.ReadOnly:
                return View("ReadOnly", ReferenceService.ReadOnly(context, saved, unsaved: input));
            default:
                // Someone else saved first: show their version in the form and keep what this person typed beside it.
                if (saved?.Status == ReferenceStatus.Submitted)
                {
                    return View("ReadOnly", ReferenceService.ReadOnly(context, saved, unsaved: input));
                }

                ModelState.Clear();
                return View("Edit", ReferenceService.Form(context, saved, ReferenceService.InputFrom(context, saved), unsaved: input));
        }
    }
}
