using System.Globalization;
using EpaPortal.Domain.Reporting;

namespace EpaPortal.Web.Features.Reports;

/// <summary>
/// The reports' filters, as the URL carries them: the period (the day a grade decision was made, or an appeal
/// lodged, in UK time), the standard version, the employer, the training provider, the assessor, and how
/// tables are grouped.
/// </summary>
public sealed record ReportFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    int? VersionId = null,
    int? EmployerId = null,
    int? ProviderId = null,
    string? AssessorId = null,
    ReportGrouping By = ReportGrouping.Employer)
{
    /// <summary>The filter as query parameters (with <paramref name="extra"/>), for links and downloads.</summary>
    public string Query(params (string Name, string? Value)[] extra)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(new(name, value));
            }
        }

        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("version", VersionId?.ToString(CultureInfo.InvariantCulture));
        Add("employer", EmployerId?.ToString(CultureInfo.InvariantCulture));
        Add("provider", ProviderId?.ToString(CultureInfo.InvariantCulture));
        Add("assessor", AssessorId);
        Add("by", By == ReportGrouping.Employer ? null : By.ToString().ToLowerInvariant());
        foreach (var (name, value) in extra)
        {
            Add(name, value);
        }

        return QueryString.Create(values).ToUriComponent();
    }

    /// <summary>The drill-down list of one figure (of one group when <paramref name="grouped"/>; <paramref name="key"/> null is "none").</summary>
    public string CasesUrl(ReportFigure figure, bool grouped = false, string? key = null, string? reason = null) =>
        "/reports/cases" + Query(
            ("figure", figure.ToString()),
            ("group", grouped ? key ?? ReportsService.NoGroup : null),
            ("reason", reason));
}

public sealed record FilterOption(string Value, string Label);

/// <summary>A group's label and its row of figures.</summary>
public sealed record LabelledRow(string Label, ReportRow Row);

/// <summary>One report table: groups (the figures and rates in columns) and the total.</summary>
public sealed record ReportTable(string Id, string Title, ReportGrouping By, IReadOnlyList<ReportFigure> Figures, IReadOnlyList<LabelledRow> Rows, ReportRow Total);

public sealed record ReportsViewModel(
    ReportFilter Filter,
    IReadOnlyList<FilterOption> Versions,
    IReadOnlyList<FilterOption> Employers,
    IReadOnlyList<FilterOption> Providers,
    IReadOnlyList<FilterOption> Assessors,
    ReportTable Results,
    ReportTable Quality,
    ReportTable Attempts,
    ReportRow Timeliness,
    DaySummary GatewayToResult,
    ReportRow Appeals,
    DaySummary TimeToDecide,
    IReadOnlyList<(string Reason, int Count)> ReturnReasons,
    string? Problem)
{
    public string GroupName => Filter.By switch
    {
        ReportGrouping.Provider => "Training provider",
        ReportGrouping.Assessor => "Assessor",
        _ => "Employer",
    };
}

/// <summary>One case attempt behind a figure.</summary>
public sealed record FigureCaseRow(int CaseId, int Attempt, string ApprenticeName, string EmployerName, string? AssessorName, string? Grade, string? QaStatus, string? ReturnReason, DateTimeOffset? DecidedAt, DateTimeOffset? ReleasedAt, string? AppealOutcome);

public sealed record FigureCasesViewModel(ReportFilter Filter, ReportFigure Figure, string? GroupLabel, string? Reason, int Total, int Page, int Pages, IReadOnlyList<FigureCaseRow> Rows)
{
    public const int PageSize = 100;
}
