using System.Globalization;
using EpaPortal.Domain.Reporting;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Reports;

/// <summary>
/// /reports: management information for admins and quality assurers (issue 21; the roles are the domain's
/// <see cref="ManagementReports.ReaderRoles"/>, behind <see cref="Policies.Reports"/>). Every figure links to the
/// case attempts behind it (/reports/cases) and every report downloads as CSV. Read-only: nothing here writes.
/// </summary>
[Authorize(Policy = Policies.Reports)]
[Route("reports")]
public class ReportsController(ReportsService reports, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(DateOnly? from, DateOnly? to, int? version, int? employer, int? provider, string? assessor, string? by, CancellationToken cancellationToken)
    {
        if (!Sent("from") && !Sent("to"))
        {
            (from, to) = ManagementReports.DefaultPeriod(UkToday());
        }

        var model = await reports.LoadAsync(Filter(from, to, version, employer, provider, assessor, by), cancellationToken);
        if (!ModelState.IsValid)
        {
            model = model with { Problem = "A filter was not understood and was left out: choose from the lists, and enter dates as a day, month and year (for example 1 9 2026)." };
        }

        return View(model);
    }

    [HttpGet("{report:regex(^(results|quality|attempts|timeliness|appeals)$)}.csv")]
    public async Task<IActionResult> Csv(string report, DateOnly? from, DateOnly? to, int? version, int? employer, int? provider, string? assessor, string? by, CancellationToken cancellationToken)
    {
        var model = await reports.LoadAsync(Filter(from, to, version, employer, provider, assessor, by), cancellationToken);
        var (header, rows) = ReportCsv.Of(report, model);
        return CsvFile.Download($"epa-report-{report}-{Today()}.csv", header, rows);
    }

    [HttpGet("cases")]
    public async Task<IActionResult> Cases(string? figure, string? group, string? reason, int page, DateOnly? from, DateOnly? to, int? version, int? employer, int? provider, string? assessor, string? by, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportFigure>(figure, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            return NotFound();
        }

        return View(await reports.CasesAsync(Filter(from, to, version, employer, provider, assessor, by), chosen, group, reason, page, cancellationToken));
    }

    [HttpGet("cases.csv")]
    public async Task<IActionResult> CasesCsv(string? figure, string? group, string? reason, DateOnly? from, DateOnly? to, int? version, int? employer, int? provider, string? assessor, string? by, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportFigure>(figure, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            return NotFound();
        }

        var rows = await reports.AllCasesAsync(Filter(from, to, version, employer, provider, assessor, by), chosen, group, reason, cancellationToken);
        return CsvFile.Download($"epa-report-{chosen.ToString().ToLowerInvariant()}-cases-{Today()}.csv", ReportCsv.CaseHeader, rows.Select(ReportCsv.CaseCells));
    }

    // A date filter is sent as from.Day, from.Month and from.Year by the form, or as from=yyyy-MM-dd by a link.
    private bool Sent(string name) =>
        Request.Query.ContainsKey(name) || Request.Query.ContainsKey(name + Infrastructure.DateInput.DateParts.DaySuffix);

    private static ReportFilter Filter(DateOnly? from, DateOnly? to, int? version, int? employer, int? provider, string? assessor, string? by) =>
        new(from, to, version, employer, provider, string.IsNullOrWhiteSpace(assessor) ? null : assessor.Trim(),
            Enum.TryParse<ReportGrouping>(by, ignoreCase: true, out var grouping) && Enum.IsDefined(grouping) ? grouping : ReportGrouping.Employer);

    private DateOnly UkToday() => DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime);

    private string Today() => UkToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
