using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Records;

/// <summary>/admin/privacy: requests to correct or erase data (decide them), and subject access exports (ask for one, download it once).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/privacy")]
public class PrivacyAdminController(
    PrivacyAdminService privacy,
    IValidator<DecisionInput> decisionValidator,
    IValidator<ExportInput> exportValidator,
    Storage.IEvidenceStore store,
    ILogger<PrivacyAdminController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await privacy.RequestsAsync(cancellationToken));

    [HttpGet("requests/{id:int}")]
    public async Task<IActionResult> Decision(int id, CancellationToken cancellationToken) =>
        await privacy.RequestAsync(id, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("requests/{id:int}")]
    public async Task<IActionResult> Decide(int id, [Bind(Prefix = "Input")] DecisionInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await decisionValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && !Infrastructure.DateInput.DateParts.AnyRefused(ModelState))
        {
            problems = await privacy.DecideAsync(id, input, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The request was decided and what was granted has been carried out.";
                return RedirectToAction(nameof(Decision), new { id });
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return await privacy.RequestAsync(id, input, problems, cancellationToken) is { } model ? View(nameof(Decision), model) : NotFound();
    }

    [HttpGet("exports")]
    public async Task<IActionResult> Exports(string? q, CancellationToken cancellationToken) => View(await privacy.ExportsAsync(q, cancellationToken));

    [HttpGet("exports/new")]
    public async Task<IActionResult> NewExport(string? userId, int? apprenticeId, CancellationToken cancellationToken) =>
        await privacy.PersonOptionAsync(userId, apprenticeId, cancellationToken) is { } person
            ? View(new NewExportViewModel(person, new ExportInput { UserId = person.UserId, ApprenticeId = person.ApprenticeId }, []))
            : NotFound();

    [HttpPost("exports/new")]
    public async Task<IActionResult> NewExport([Bind(Prefix = "Input")] ExportInput input, CancellationToken cancellationToken)
    {
        var person = await privacy.PersonOptionAsync(input.UserId, input.ApprenticeId, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        var validation = await exportValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(new NewExportViewModel(person, input, []));
        }

        await privacy.RequestExportAsync(input, cancellationToken);
        TempData["Success"] = $"The export for {person.Name} is being made in the background. It appears below as ready when it is done; it can be downloaded once.";
        return RedirectToAction(nameof(Exports));
    }

    [HttpPost("exports/{id:int}/download")]
    public async Task<IActionResult> Download(int id, CancellationToken cancellationToken)
    {
        if (await privacy.DownloadAsync(id, cancellationToken) is not { } download)
        {
            TempData["Error"] = "That export cannot be downloaded: it was downloaded already, it expired, or it is not ready. Ask for a new one if you need it.";
            return RedirectToAction(nameof(Exports));
        }

        Response.OnCompleted(async () =>
        {
            // Once is once: the file goes when the response ends (the evidence sweep removes it if this fails).
            try
            {
                await store.DeleteAsync(download.StorageKey, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The downloaded export {Export} could not be deleted now; the evidence sweep removes it.", id);
            }
        });
        Response.Headers.CacheControl = "no-store";
        return File(download.Read.Content!, "application/zip", download.FileName);
    }
}
