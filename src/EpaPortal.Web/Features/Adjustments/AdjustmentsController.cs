using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>/admin/cases/{id}/adjustments: the case's reasonable adjustments, recorded, decided and amended by an admin.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/adjustments")]
public class AdjustmentsController(
    AdjustmentsService adjustments,
    AdjustmentForms forms,
    CaseAuthorizer authorizer,
    IValidator<AdjustmentDecisionInput> decisionValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, id, CaseOperation.Administer, cancellationToken);
        return access.Succeeded ? View(await adjustments.PageAsync(access.Case!, null, null, null, cancellationToken)) : access.Refusal!;
    }

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public Task<IActionResult> Record(int id) =>
        forms.RecordAsync(this, id, CaseOperation.Administer, Url.Action(nameof(Index), new { id })!,
            "The adjustment was recorded. Approve or refuse it below: only an approved adjustment changes the timings.");

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
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await adjustments.PageAsync(access.Case!, null, adjustmentId, input, cancellationToken));
    }

    [HttpGet("{adjustmentId:int}/edit")]
    public Task<IActionResult> Edit(int id, int adjustmentId) =>
        forms.EditPageAsync(this, id, adjustmentId, CaseOperation.Administer, Url.Action(nameof(Index), new { id })!);

    [HttpPost("{adjustmentId:int}/edit")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public Task<IActionResult> Save(int id, int adjustmentId) =>
        forms.EditAsync(this, id, adjustmentId, CaseOperation.Administer, Url.Action(nameof(Index), new { id })!);
}

/// <summary>/employer/cases/{caseId}/adjustments: the employer requests reasonable adjustments for their
/// apprentice (with evidence), edits a request until it is decided, and follows the admin's decisions (the
/// details and evidence only of their own requests).</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer/cases/{caseId:int}/adjustments")]
public class EmployerAdjustmentsController(AdjustmentsService adjustments, AdjustmentForms forms, CaseAuthorizer authorizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, caseId, CaseOperation.RequestAdjustment, cancellationToken);
        return access.Succeeded ? View(await adjustments.PageAsync(access.Case!, null, null, null, cancellationToken)) : access.Refusal!;
    }

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public Task<IActionResult> RequestAdjustment(int caseId) =>
        forms.RecordAsync(this, caseId, CaseOperation.RequestAdjustment, Url.Action(nameof(Index), new { caseId })!,
            "Your request was sent to the assessment organisation, who will approve or refuse it with a reason.");

    [HttpGet("{adjustmentId:int}/edit")]
    public Task<IActionResult> Edit(int caseId, int adjustmentId) =>
        forms.EditPageAsync(this, caseId, adjustmentId, CaseOperation.RequestAdjustment, Url.Action(nameof(Index), new { caseId })!);

    [HttpPost("{adjustmentId:int}/edit")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public Task<IActionResult> Save(int caseId, int adjustmentId) =>
        forms.EditAsync(this, caseId, adjustmentId, CaseOperation.RequestAdjustment, Url.Action(nameof(Index), new { caseId })!);
}

/// <summary>
/// /cases/{caseId}/adjustments/{adjustmentId}/evidence: the evidence of a reasonable adjustment, for admins and
/// the person who requested it. Everyone else (the assessor, quality assurance, the apprentice, other employer
/// users, the provider) gets 404: the evidence does not exist for them (<see cref="Domain.Adjustments.AdjustmentAccess.SeesEvidence"/>).
/// </summary>
[Route("cases/{caseId:int}/adjustments/{adjustmentId:int}/evidence")]
public class AdjustmentEvidenceController(AdjustmentsService adjustments, CaseAuthorizer authorizer, IEvidenceStore store, ILogger<AdjustmentEvidenceController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Download(int caseId, int adjustmentId, CancellationToken cancellationToken)
    {
        var access = await authorizer.AuthorizeAsync(User, caseId, CaseOperation.RequestAdjustment, cancellationToken);
        if (!access.Succeeded || await adjustments.EvidenceAsync(access.Case!, adjustmentId, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        var read = await store.OpenVerifiedAsync(file.StorageKey, file.Sha256, cancellationToken);
        if (read.Status != StoredFileReadStatus.Ok)
        {
            logger.LogError("Adjustment evidence {FileId} (case {CaseId}) failed its check on download: {Status}.", file.Id, caseId, read.Status);
            Response.StatusCode = StatusCodes.Status500InternalServerError;
            Response.Headers.CacheControl = "no-store";
            return View("~/Features/Portfolio/Views/EvidenceFiles/DownloadFailed.cshtml", new DownloadFailedViewModel(file.OriginalFileName, read.Status));
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers.CacheControl = "no-store";
        return File(read.Content!, file.ContentType, file.OriginalFileName, enableRangeProcessing: true);
    }
}

/// <summary>
/// The adjustment forms' POSTs, shared by the admin's and the employer's controllers: the form carries its
/// evidence, so it is read as a stream (<see cref="UploadReceiver"/>: the antiforgery token first, every upload
/// check, the quota); the file is stored first and kept on the form if something else was wrong, so nothing the
/// user typed or sent is lost.
/// </summary>
public sealed class AdjustmentForms(AdjustmentsService adjustments, CaseAuthorizer authorizer, UploadReceiver receiver, IValidator<AdjustmentInput> validator)
{
    public const string EditView = "~/Features/Adjustments/Views/Shared/EditAdjustment.cshtml";

    public async Task<IActionResult> RecordAsync(Controller controller, int caseId, CaseOperation operation, string pageUrl, string success)
    {
        var cancellationToken = controller.HttpContext.RequestAborted;
        var access = await authorizer.AuthorizeAsync(controller.User, caseId, operation, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var form = await ReadAsync(controller, caseId, cancellationToken);
        if (form.Refusal is { } refused)
        {
            return UploadResults.RefusedPage(controller, refused, pageUrl, "Back to the reasonable adjustments");
        }

        if (form.Valid)
        {
            await adjustments.RecordAsync(caseId, form.Input, form.EvidenceFileId, cancellationToken);
            controller.TempData["Success"] = success;
            return new RedirectResult(pageUrl);
        }

        var view = controller.View("Index", await adjustments.PageAsync(access.Case!, form.Input, null, null, cancellationToken, form.FileMessages, form.EvidenceFileName));
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    public async Task<IActionResult> EditPageAsync(Controller controller, int caseId, int adjustmentId, CaseOperation operation, string backUrl)
    {
        var cancellationToken = controller.HttpContext.RequestAborted;
        var access = await authorizer.AuthorizeAsync(controller.User, caseId, operation, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var model = await adjustments.EditPageAsync(access.Case!, adjustmentId, null, $"{backUrl}/{adjustmentId}/edit", backUrl, cancellationToken);
        return model is null ? controller.NotFound() : controller.View(EditView, model);
    }

    public async Task<IActionResult> EditAsync(Controller controller, int caseId, int adjustmentId, CaseOperation operation, string backUrl)
    {
        var cancellationToken = controller.HttpContext.RequestAborted;
        var access = await authorizer.AuthorizeAsync(controller.User, caseId, operation, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal!;
        }

        var postUrl = $"{backUrl}/{adjustmentId}/edit";
        var form = await ReadAsync(controller, caseId, cancellationToken);
        if (form.Refusal is { } refused)
        {
            return UploadResults.RefusedPage(controller, refused, postUrl, "Back to the adjustment");
        }

        var status = StatusCodes.Status400BadRequest;
        if (form.Valid)
        {
            var result = await adjustments.EditAsync(access.Case!, adjustmentId, form.Input, form.EvidenceFileId, cancellationToken);
            switch (result.Status)
            {
                case AdjustmentEditStatus.Saved:
                    controller.TempData["Success"] = "The adjustment was changed.";
                    return new RedirectResult(backUrl);
                case AdjustmentEditStatus.NotFound:
                    return controller.NotFound();
                case AdjustmentEditStatus.Conflict:
                    status = StatusCodes.Status409Conflict;
                    form.Input.Version = null;
                    break;
            }

            foreach (var problem in result.Problems)
            {
                controller.ModelState.AddModelError(string.Empty, problem);
            }
        }

        var model = await adjustments.EditPageAsync(access.Case!, adjustmentId, form.Input, postUrl, backUrl, cancellationToken, form.FileMessages, form.EvidenceFileName);
        if (model is null)
        {
            return controller.NotFound();
        }

        if (status == StatusCodes.Status409Conflict)
        {
            // Saving again keeps this version over the one now saved (the page shows it).
            model.Input.Version = model.Adjustment.Version;
        }

        var view = controller.View(EditView, model);
        view.StatusCode = status;
        return view;
    }

    /// <summary>Reads the streamed form: its fields, the evidence just uploaded or kept from an earlier try, and the problems.</summary>
    private async Task<ReadForm> ReadAsync(Controller controller, int caseId, CancellationToken cancellationToken)
    {
        var target = await adjustments.UploadTargetAsync(caseId, cancellationToken);
        var batch = await receiver.ReceiveAsync(controller.HttpContext, target, cancellationToken);
        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return new ReadForm(new AdjustmentInput(), null, null, [], false, batch);
        }

        var input = AdjustmentInput.FromFields(batch.Fields);
        var fileMessages = batch.Outcomes.Select(o => o.Message).ToList();
        if (batch.Status == UploadBatchStatus.Interrupted && batch.Problem is not null)
        {
            fileMessages.Add(batch.Problem);
        }

        var filesRefused = batch.Status == UploadBatchStatus.Interrupted || batch.Outcomes.Any(o => !o.Accepted);
        Guid? fileId = target.StoredFileId;
        var fileName = target.StoredFileName;
        if (fileId is null)
        {
            var (keptId, keptName, problem) = await adjustments.CheckKeptEvidenceAsync(caseId, input.EvidenceFileId, cancellationToken);
            (fileId, fileName) = (keptId, keptName);
            if (problem is not null)
            {
                controller.ModelState.AddModelError(string.Empty, problem);
            }
        }

        input.EvidenceFileId = fileId;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        validation.AddToModelState(controller.ModelState, AdjustmentInput.Prefix);
        if (filesRefused)
        {
            controller.ModelState.AddModelError(string.Empty, "The evidence file was not uploaded (see below); choose it again, or send the form without it.");
        }

        return new ReadForm(input, fileId, fileName, fileMessages, controller.ModelState.IsValid, null);
    }

    private sealed record ReadForm(AdjustmentInput Input, Guid? EvidenceFileId, string? EvidenceFileName, IReadOnlyList<string> FileMessages, bool Valid, UploadBatch? Refusal);
}
