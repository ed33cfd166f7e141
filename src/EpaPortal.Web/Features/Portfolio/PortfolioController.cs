using EpaPortal.Domain.Common;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>The apprentice's own portfolio: upload, describe, map, replace, remove and submit evidence.</summary>
[Authorize(Policy = Policies.Apprentice)]
[Route("apprentice/portfolio")]
public class PortfolioController(
    PortfolioService portfolio,
    CaseAuthorizer cases,
    UploadReceiver receiver,
    IValidator<EvidenceDetailsInput> detailsValidator,
    IValidator<EditEvidenceInput> editValidator,
    IValidator<SubmitPortfolioInput> submitValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return View("NoCase");
        }

        var model = await portfolio.GetAsync(caseId, editable: true, UploadResults.Take(TempData), cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("upload")]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        return View(await UploadPageAsync(caseId, new EvidenceDetailsInput(), cancellationToken));
    }

    /// <summary>Streams one or many files (see <see cref="UploadReceiver"/>); the details fields come first.</summary>
    [HttpPost("upload")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> UploadFiles(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var target = await portfolio.NewItemsTargetAsync(caseId, cancellationToken);
        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken);
        if (UploadResults.WantsJson(Request))
        {
            return UploadResults.Json(batch);
        }

        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Url.Action(nameof(Upload))!, "Back to the upload form");
        }

        if (batch.Outcomes.Any(o => o.Accepted))
        {
            UploadResults.Keep(TempData, batch.Outcomes);
            TempData["Success"] = $"{batch.Outcomes.Count(o => o.Accepted)} of {DisplayNames.Count(batch.Outcomes.Count, "file")} uploaded. Check each item's details and map it to the competencies it shows.";
            return RedirectToAction(nameof(Index));
        }

        // Nothing was stored: show the form again with what was typed and why each file was refused.
        var details = EvidenceDetailsInput.FromFields(batch.Fields);
        details.WorkDateParts?.Record(ModelState, EvidenceDetailsInput.FieldPrefix + nameof(EvidenceDetailsInput.WorkDate));
        var validation = await detailsValidator.ValidateAsync(details.WithTitleFrom("file"), cancellationToken);
        validation.AddToModelState(ModelState, nameof(UploadPageViewModel.Details));
        if (batch.Problem is not null)
        {
            ModelState.AddModelError(string.Empty, batch.Problem);
        }

        ViewData["Outcomes"] = batch.Outcomes;
        return View("Upload", await UploadPageAsync(caseId, details, cancellationToken));
    }

    [HttpGet("items/{id:int}")]
    public async Task<IActionResult> Item(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { RemovedAt: null } item)
        {
            return NotFound();
        }

        ViewData["Editable"] = true;
        return View(item);
    }

    [HttpGet("items/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { RemovedAt: null } item)
        {
            return NotFound();
        }

        var input = new EditEvidenceInput { Title = item.Title, Description = item.Description, ProjectName = item.ProjectName, WorkDate = item.WorkDate, Version = item.Version };
        return View(new EditEvidenceViewModel(id, item.Versions.First(v => v.IsCurrent).FileName, input, item.LockMessage));
    }

    [HttpPost("items/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] EditEvidenceInput input, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { RemovedAt: null } item)
        {
            return NotFound();
        }

        var validation = await editValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var result = await portfolio.UpdateDetailsAsync(caseId, id, input, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Success"] = "The evidence details were saved.";
                return RedirectToAction(nameof(Item), new { id });
            }

            AddProblems(result);
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(new EditEvidenceViewModel(id, item.Versions.First(v => v.IsCurrent).FileName, input, item.LockMessage));
    }

    [HttpGet("items/{id:int}/map")]
    public async Task<IActionResult> Map(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.MappingFormAsync(caseId, id, cancellationToken) is not { } model)
        {
            return NotFound();
        }

        return View(model);
    }

    [HttpPost("items/{id:int}/map")]
    public async Task<IActionResult> Map(int id, MapEvidenceInput input, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var result = await portfolio.MapAsync(caseId, id, input, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Success"] = "The mapping was saved.";
            return RedirectToAction(nameof(Item), new { id });
        }

        AddProblems(result);
        var model = await portfolio.MappingFormAsync(caseId, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        // Keep what was ticked.
        var ticked = input.CompetencyIds.ToHashSet();
        return View(model with { Options = model.Options.Select(o => o with { Selected = ticked.Contains(o.Id) }).ToList() });
    }

    [HttpGet("items/{id:int}/replace")]
    public async Task<IActionResult> Replace(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { RemovedAt: null } item)
        {
            return NotFound();
        }

        return View(ReplacePage(item));
    }

    [HttpPost("items/{id:int}/replace")]
    [IgnoreAntiforgeryToken]
    [StreamedUpload]
    [EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> ReplaceFile(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.ReplaceTargetAsync(caseId, id, cancellationToken) is not { } target)
        {
            return NotFound();
        }

        var batch = await receiver.ReceiveAsync(HttpContext, target, cancellationToken);
        if (UploadResults.WantsJson(Request))
        {
            return UploadResults.Json(batch);
        }

        if (batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart)
        {
            return UploadResults.RefusedPage(this, batch, Url.Action(nameof(Replace), new { id })!, "Back to the form");
        }

        if (batch.Outcomes.FirstOrDefault(o => o.Accepted) is { } replaced)
        {
            TempData["Success"] = replaced.Message;
            return RedirectToAction(nameof(Item), new { id });
        }

        foreach (var outcome in batch.Outcomes)
        {
            ModelState.AddModelError(string.Empty, outcome.Message);
        }

        if (batch.Problem is not null)
        {
            ModelState.AddModelError(string.Empty, batch.Problem);
        }

        var item = await portfolio.GetItemAsync(caseId, id, cancellationToken);
        return item is null ? NotFound() : View("Replace", ReplacePage(item));
    }

    [HttpGet("items/{id:int}/remove")]
    public async Task<IActionResult> Remove(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId
            || await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { RemovedAt: null } item)
        {
            return NotFound();
        }

        return View(item);
    }

    [HttpPost("items/{id:int}/remove")]
    [ActionName("Remove")]
    public async Task<IActionResult> RemoveConfirmed(int id, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var result = await portfolio.RemoveAsync(caseId, id, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            TempData["Success"] = "The evidence item was removed from your portfolio.";
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Problems);
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpGet("coverage")]
    public async Task<IActionResult> Coverage(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        return View(await portfolio.CoverageAsync(caseId, cancellationToken));
    }

    [HttpGet("submit")]
    public async Task<IActionResult> Submit(CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        return View(await SubmitPageAsync(caseId, new SubmitPortfolioInput(), cancellationToken));
    }

    [HttpPost("submit")]
    public async Task<IActionResult> Submit([Bind(Prefix = "Input")] SubmitPortfolioInput input, CancellationToken cancellationToken)
    {
        if (await OwnCaseIdAsync(cancellationToken) is not { } caseId)
        {
            return NotFound();
        }

        var validation = await submitValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            // The submission moves the case: its facts are loaded once, tracked, and authorized on.
            var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ActAsApprentice, forUpdate: true, cancellationToken);
            if (!access.Succeeded)
            {
                return access.Refusal;
            }

            var result = await portfolio.SubmitAsync(access.Snapshot!, input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "Your portfolio has been submitted and is now locked. Your employer will be asked to confirm it is your own work.";
                return RedirectToAction(nameof(Index));
            }

            AddProblems(result);
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(await SubmitPageAsync(caseId, input, cancellationToken));
    }

    private async Task<UploadPageViewModel> UploadPageAsync(int caseId, EvidenceDetailsInput details, CancellationToken cancellationToken)
    {
        var options = receiver.Options;
        var status = await portfolio.StatusAsync(caseId, cancellationToken);
        var remaining = options.QuotaBytesPerCase - await portfolio.StoredBytesAsync(caseId, cancellationToken);
        return new UploadPageViewModel(FileTypes.AcceptAttribute(options), AllowedTypesText(options), options.MaxFileMegabytes, options.MaxFilesPerRequest, remaining, status.Locked, status.LockMessage, details);
    }

    private ReplaceEvidenceViewModel ReplacePage(EvidenceItemViewModel item)
    {
        var current = item.Versions.First(v => v.IsCurrent);
        return new ReplaceEvidenceViewModel(item.Id, item.Title, current.FileName, current.Number, FileTypes.AcceptAttribute(receiver.Options), AllowedTypesText(receiver.Options), receiver.Options.MaxFileMegabytes, item.LockMessage);
    }

    private async Task<SubmitPortfolioViewModel> SubmitPageAsync(int caseId, SubmitPortfolioInput input, CancellationToken cancellationToken)
    {
        var model = await portfolio.GetAsync(caseId, editable: true, [], cancellationToken);
        return new SubmitPortfolioViewModel(model!.Items.Count, model.Coverage, model.Status, input);
    }

    private void AddProblems(PortfolioResult result)
    {
        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }
    }

    private static string AllowedTypesText(UploadOptions options) =>
        string.Join(", ", FileTypes.Allowed(options).Select(t => t.Description).Distinct()) + $" ({string.Join(", ", FileTypes.Allowed(options).Select(t => "." + t.Extension))})";

    /// <summary>The signed-in apprentice's own case, authorized for the apprentice's actions (the pages carry no case id).</summary>
    private async Task<int?> OwnCaseIdAsync(CancellationToken cancellationToken) =>
        (await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken)).Case?.CaseId;
}
