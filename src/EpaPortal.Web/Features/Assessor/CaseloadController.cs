using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The assessor's landing page: the cases allocated to them, most urgent first.</summary>
[Authorize(Policy = Policies.Assessor)]
[Route("assessor")]
public class CaseloadController(CaseloadService caseload, CurrentUser user) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CaseloadQuery query, CancellationToken cancellationToken) =>
        View(await caseload.GetAsync(user.Id, query, cancellationToken));

    /// <summary>The list shown (open or closed, filtered) as CSV, in its order (issue 21): the assessor's own cases only.</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export([FromQuery] CaseloadQuery query, CancellationToken cancellationToken) =>
        Infrastructure.CsvFile.Download("epa-caseload.csv", CaseloadService.ExportHeader, (await caseload.ExportAsync(user.Id, query, cancellationToken)).Select(CaseloadService.ExportCells));
}
