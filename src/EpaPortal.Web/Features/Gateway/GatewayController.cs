using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Gateway;

/// <summary>
/// The employer submits the gateway for a case, sees the admin's decision on each item and, after a
/// rejection, resubmits. The form carries its files, so it is read as a stream (see <see cref="UploadReceiver"/>).
/// </summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/gateway")]
public class GatewayController(GatewayService service, CaseAuthorizer cases, UploadReceiver receiver, IValidator<GatewayInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        return access.Succeeded ? View(await service.PageAsync(access.Case, null, [], [], HttpContext.RequestAborted)) : access.Refusal;
    }

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> Submit(int caseId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        // The submission moves the case: its facts are loaded once, tracked, and authorized on.
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsEmployer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var info = access.Case;
        var snapshot = access.Snapshot!;
        var modules = await service.ModuleNamesAsync(info, cancellationToken);
        var target = service.UploadTarget(info, snapshot, modules);
        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken);
        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Request.Path.Value ?? "/employer", "Back to the gateway form");
        }

        var input = GatewayInput.FromFields(batch.Fields, modules.Count);
        target.ApplyTo(input);
        var fileMessages = batch.Outcomes.Select(o => o.Message).ToList();
        if (batch.Status == UploadBatchStatus.Interrupted && batch.Problem is not null)
        {
            fileMessages.Add(batch.Problem);
        }

        var filesRefused = batch.Status == UploadBatchStatus.Interrupted || batch.Outcomes.Any(o => !o.Accepted);
        var problems = (await service.CheckFilesAsync(caseId, input, modules, target.Stored, cancellationToken)).ToList();
        for (var i = 0; i < input.Modules.Count; i++)
        {
            input.Modules[i].PassedOnParts?.Record(ModelState, $"{GatewayInput.Prefix}.Modules[{i}].{nameof(KnowledgeModuleInput.PassedOn)}");
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        validation.AddToModelState(ModelState, GatewayInput.Prefix);
        if (!ModelState.IsValid || filesRefused || problems.Count > 0)
        {
            // Name everything at once: what was typed wrong, which files were refused, and what the workflow still misses.
            problems.AddRange(service.Check(snapshot, input));
            return View(nameof(Index), await service.PageAsync(info, input, problems, fileMessages, cancellationToken));
        }

        var result = await service.SubmitAsync(snapshot, input, cancellationToken);
        if (!result.Succeeded)
        {
            return View(nameof(Index), await service.PageAsync(info, input, result.Problems, fileMessages, cancellationToken));
        }

        TempData["Success"] = $"The gateway for {info.ApprenticeName} has been submitted. The assessment organisation will check each item.";
        return RedirectToAction(nameof(Index), new { caseId });
    }
}
