using System.Globalization;
using EpaPortal.Domain.Reporting;
using EpaPortal.Web.Infrastructure;

namespace EpaPortal.Web.Features.Reports;

/// <summary>The words of the reports (figure names, rates) and their CSV downloads: the same numbers as the page.</summary>
public static class ReportCsv
{
    public static string Label(ReportFigure figure) => figure switch
    {
        ReportFigure.Results => "Results",
        ReportFigure.Passed => "Passed",
        ReportFigure.FirstAttempts => "First attempts",
        ReportFigure.FirstTimePasses => "First-time passes",
        ReportFigure.Timed => "Results timed from gateway",
        ReportFigure.WithinEpaPeriod => "Within the EPA period",
        ReportFigure.Decisions => "Grade decisions",
        ReportFigure.Sampled => "Sampled for QA",
        ReportFigure.Returned => "Returned by QA",
        ReportFigure.Moderated => "Moderated by QA",
        ReportFigure.Resits => "Re-sit results",
        ReportFigure.ResitPasses => "Re-sit passes",
        ReportFigure.Retakes => "Re-take results",
        ReportFigure.RetakePasses => "Re-take passes",
        ReportFigure.AppealsLodged => "Appeals lodged",
        ReportFigure.AppealsUpheld => "Appeals upheld",
        ReportFigure.AppealsRejected => "Appeals rejected",
        ReportFigure.AppealsPending => "Appeals not decided yet",
        _ => figure.ToString(),
    };

    /// <summary>The rates a table shows after its counts: (name, numerator, denominator).</summary>
    public static IReadOnlyList<(string Name, ReportFigure Count, ReportFigure Of)> Rates(IReadOnlyList<ReportFigure> figures) =>
        figures.Contains(ReportFigure.Results) ? [("Pass rate", ReportFigure.Passed, ReportFigure.Results), ("First-time pass rate", ReportFigure.FirstTimePasses, ReportFigure.FirstAttempts)]
        : figures.Contains(ReportFigure.Decisions) ? [("Sampled", ReportFigure.Sampled, ReportFigure.Decisions), ("Returned of sampled", ReportFigure.Returned, ReportFigure.Sampled)]
        : figures.Contains(ReportFigure.Resits) ? [("Re-sit pass rate", ReportFigure.ResitPasses, ReportFigure.Resits), ("Re-take pass rate", ReportFigure.RetakePasses, ReportFigure.Retakes)]
        : figures.Contains(ReportFigure.Timed) ? [("Within the EPA period", ReportFigure.WithinEpaPeriod, ReportFigure.Timed)]
        : [];

    /// <summary>Appeals upheld of those decided.</summary>
    public static ReportRate UpheldRate(ReportRow appeals) =>
        new(appeals[ReportFigure.AppealsUpheld], appeals[ReportFigure.AppealsUpheld] + appeals[ReportFigure.AppealsRejected]);

    public static readonly IReadOnlyList<string> CaseHeader =
        ["Case", "Attempt", "Apprentice", "Employer", "Assessor", "Grade", "QA", "Return reason", "Decided or lodged", "Released or decided", "Appeal outcome"];

    public static IReadOnlyList<string?> CaseCells(FigureCaseRow r) =>
    [
        N(r.CaseId), N(r.Attempt), r.ApprenticeName, r.EmployerName, r.AssessorName, r.Grade, r.QaStatus, r.ReturnReason,
        r.DecidedAt is { } d ? Iso(d) : null, r.ReleasedAt is { } rel ? Iso(rel) : null, r.AppealOutcome,
    ];

    /// <summary>One report of the page as a header and rows (the same figures, rates with their group sizes).</summary>
    public static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string?>> Rows) Of(string report, ReportsViewModel model) => report switch
    {
        "results" => Table(model.Results, model.GroupName),
        "quality" => Table(model.Quality, "Assessor"),
        "attempts" => Table(model.Attempts, model.GroupName),
        "timeliness" => (
            ["Figure", "Value"],
            [
                [Label(ReportFigure.Timed), N(model.Timeliness[ReportFigure.Timed])],
                [Label(ReportFigure.WithinEpaPeriod), N(model.Timeliness[ReportFigure.WithinEpaPeriod])],
                ["Share within the EPA period", model.Timeliness.Rate(ReportFigure.WithinEpaPeriod, ReportFigure.Timed).Text],
                ["Median working days, gateway to result", Days(model.GatewayToResult.Median)],
                ["Mean working days, gateway to result", Days(model.GatewayToResult.Mean)],
                ["Longest, working days", model.GatewayToResult.Longest is { } l ? N(l) : null],
            ]),
        _ => (
            ["Figure", "Value"],
            ManagementReports.AppealFigures.Select(f => (IReadOnlyList<string?>)[Label(f), N(model.Appeals[f])])
                .Append(["Upheld of decided", UpheldRate(model.Appeals).Text])
                .Append(["Median working days to decide", Days(model.TimeToDecide.Median)])
                .Append(["Mean working days to decide", Days(model.TimeToDecide.Mean)])
                .ToList()),
    };

    private static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string?>> Rows) Table(ReportTable table, string groupName)
    {
        var rates = Rates(table.Figures);
        IReadOnlyList<string> header = [groupName, .. table.Figures.Select(Label), .. rates.Select(r => r.Name)];
        IReadOnlyList<string?> Cells(string label, ReportRow row) =>
            [label, .. table.Figures.Select(f => N(row[f])), .. rates.Select(r => row.Rate(r.Count, r.Of).Text)];
        return (header, table.Rows.Select(r => Cells(r.Label, r.Row)).Append(Cells("All", table.Total)).ToList());
    }

    public static string? Days(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => UkTime.ToUk(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
