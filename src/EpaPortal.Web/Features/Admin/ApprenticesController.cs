using System.Text;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/apprentices: the list, one apprentice, adding one, and the CSV import.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/apprentices")]
public class ApprenticesController(ApprenticesService apprentices, ApprenticeCsvImporter importer, AdminCasesService cases, IValidator<ApprenticeInput> validator) : Controller
{
    public const long MaxImportBytes = 2 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? after = null, string? before = null, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await apprentices.ListAsync(new ApprenticeListFilter(q, after, before, sort), cancellationToken));

    /// <summary>The searched list as CSV, in its sort (issue 21).</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? q, string? sort = null, CancellationToken cancellationToken = default) =>
        Infrastructure.CsvFile.Download("epa-apprentices.csv", ApprenticesService.ExportHeader,
            (await apprentices.ExportAsync(new ApprenticeListFilter(q, Sort: sort), cancellationToken)).Select(ApprenticesService.ExportCells));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await apprentices.DetailAsync(id, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{id:int}/nation")]
    public async Task<IActionResult> Nation(int id, UkNation? nation, CancellationToken cancellationToken)
    {
        if (nation is not { } chosen || !Enum.IsDefined(chosen))
        {
            TempData["Error"] = "Choose England and Wales, Scotland or Northern Ireland.";
            return RedirectToAction(nameof(Details), new { id });
        }

        if (!await apprentices.SetNationAsync(id, chosen, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The apprentice's nation was recorded: their deadlines skip its bank holidays.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await apprentices.FormAsync(new ApprenticeInput(), [], cancellationToken));

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] ApprenticeInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && !Infrastructure.DateInput.DateParts.AnyRefused(ModelState))
        {
            var (apprenticeId, caseId, refused) = await apprentices.CreateAsync(input, cancellationToken);
            if (apprenticeId is { } id)
            {
                TempData["Success"] = caseId is null ? "The apprentice was added." : "The apprentice was added and their case registered; the employer has been asked for the reference.";
                return caseId is { } c ? RedirectToAction(nameof(AdminCasesController.Case), "AdminCases", new { id = c }) : RedirectToAction(nameof(Details), new { id });
            }

            problems = refused;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(await apprentices.FormAsync(input, problems, cancellationToken));
    }

    [HttpGet("import")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken) =>
        View(new ImportViewModel(await cases.ActiveVersionsAsync(cancellationToken), null, null));

    [HttpPost("import")]
    [RequestSizeLimit(MaxImportBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, int? registerCaseVersionId, CancellationToken cancellationToken)
    {
        ImportReport report;
        if (file is null || file.Length == 0)
        {
            report = new ImportReport(0, 0, 0, [], ["Choose a CSV file to import."]);
            ModelState.AddModelError("file", "Choose a CSV file to import.");
        }
        else if (file.Length > MaxImportBytes)
        {
            report = new ImportReport(0, 0, 0, [], ["The file is larger than 2 MB: split it into several imports."]);
            ModelState.AddModelError("file", "The file is larger than 2 MB.");
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = await reader.ReadToEndAsync(cancellationToken);
            report = await importer.ImportAsync(text, registerCaseVersionId, cancellationToken);
            if (report.Succeeded)
            {
                TempData["Success"] = report.CasesRegistered > 0
                    ? $"{DisplayNames.CountSentence(report.Imported, "apprentice")} imported and {DisplayNames.Count(report.CasesRegistered, "case")} registered."
                    : $"{DisplayNames.CountSentence(report.Imported, "apprentice")} imported.";
                return RedirectToAction(nameof(Index));
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new ImportViewModel(await cases.ActiveVersionsAsync(cancellationToken), registerCaseVersionId, report));
    }
}
