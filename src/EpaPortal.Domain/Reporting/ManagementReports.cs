using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Reporting;

/// <summary>How a report's rows are grouped.</summary>
public enum ReportGrouping
{
    Employer,
    Provider,
    Assessor,
}

/// <summary>
/// Every figure a report shows. A figure is a set of case attempts (or appeals); its count is the size of the set
/// and its drill-down is the set itself, chosen by the same rule (<see cref="ManagementReports.Select"/>).
/// </summary>
public enum ReportFigure
{
    /// <summary>Released results: the latest release of each case's attempt decided in the period.</summary>
    Results,
    Fail,
    Pass,
    Merit,
    Distinction,

    /// <summary>Released results that are not a Fail.</summary>
    Passed,

    /// <summary>Released results of a first attempt.</summary>
    FirstAttempts,

    /// <summary>Released results of a first attempt that are not a Fail.</summary>
    FirstTimePasses,

    /// <summary>Released first-attempt results of cases with a gateway approval (gateway to result is measured).</summary>
    Timed,

    /// <summary>Timed results released on or before the EPA deadline (the EPA period after the gateway).</summary>
    WithinEpaPeriod,

    /// <summary>Grade decisions made in the period (released or not).</summary>
    Decisions,

    /// <summary>Decisions sent to quality assurance.</summary>
    Sampled,

    /// <summary>Decisions quality assurance returned to the assessor.</summary>
    Returned,

    /// <summary>Released results of a re-sit.</summary>
    Resits,
    ResitPasses,

    /// <summary>Released results of a re-take.</summary>
    Retakes,
    RetakePasses,

    /// <summary>Appeals lodged in the period.</summary>
    AppealsLodged,
    AppealsUpheld,
    AppealsRejected,
    AppealsPending,

    /// <summary>Decisions quality assurance moderated to another grade (issue 21, item 5).</summary>
    Moderated,
}

/// <summary>
/// One grade decision as the reports read it (staff only: it may not be released). GatewayToResultWorkingDays:
/// working days of the apprentice's nation from the gateway approval to the release (first attempts with a
/// gateway only); WithinEpaPeriod: released on or before the EPA deadline. Grade: the grade released (a quality
/// assurer's moderated grade when there is one, ADR 27); Moderated: quality assurance moderated the assessor's grade.
/// </summary>
public sealed record DecisionFact(
    int DecisionId,
    int CaseId,
    int Attempt,
    AttemptKind Kind,
    string AssessorId,
    int EmployerId,
    int? ProviderId,
    Grade Grade,
    DateTimeOffset DecidedAt,
    QaStatus Qa,
    string? ReturnReason,
    DateTimeOffset? ReleasedAt,
    int? GatewayToResultWorkingDays,
    bool? WithinEpaPeriod,
    bool Moderated = false);

/// <summary>One appeal as the reports read it; WorkingDaysToDecide once decided.</summary>
public sealed record AppealFact(int AppealId, int CaseId, int Attempt, string? AssessorId, int EmployerId, int? ProviderId, DateTimeOffset LodgedAt, AppealOutcome Outcome, int? WorkingDaysToDecide);

/// <summary>What a figure's drill-down lists: a case's attempt (and the decision or appeal behind it).</summary>
public sealed record FigureItem(int CaseId, int Attempt, int? DecisionId, int? AppealId);

/// <summary>One group's counts of the figures a report shows.</summary>
public sealed record ReportRow(string? Key, IReadOnlyDictionary<ReportFigure, int> Counts)
{
    public int this[ReportFigure figure] => Counts.GetValueOrDefault(figure);

    public ReportRate Rate(ReportFigure count, ReportFigure of) => new(this[count], this[of]);
}

/// <summary>A median and a mean of whole working days over a group (null when the group is empty).</summary>
public sealed record DaySummary(int Count, double? Median, double? Mean, int? Longest);

/// <summary>
/// Management information (issue 21): grade distribution and pass rates, timeliness, quality assurance,
/// appeals, re-sits and re-takes, each a set of figures over the facts of the chosen period. The rules of what
/// each figure counts live here and nowhere else: the page, the CSV and the drill-down lists all ask
/// <see cref="Select"/>.
/// </summary>
public static class ManagementReports
{
    /// <summary>Who may read the reports: the assessment organisation's admins and quality assurers (never a party to a case).</summary>
    public static readonly IReadOnlyList<PortalRole> ReaderRoles = [PortalRole.Admin, PortalRole.QualityAssurer];

    /// <summary>
    /// The period the reports open with when none is chosen: the twelve months to today. So the page reads a
    /// year of decisions however many years of history the organisation keeps (issue 26); clearing both dates
    /// asks for every year.
    /// </summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod(DateOnly today) => (today.AddYears(-1).AddDays(1), today);

    public static readonly IReadOnlyList<ReportFigure> ResultFigures =
        [ReportFigure.Results, ReportFigure.Distinction, ReportFigure.Merit, ReportFigure.Pass, ReportFigure.Fail, ReportFigure.Passed, ReportFigure.FirstAttempts, ReportFigure.FirstTimePasses];

    public static readonly IReadOnlyList<ReportFigure> TimelinessFigures = [ReportFigure.Timed, ReportFigure.WithinEpaPeriod];

    public static readonly IReadOnlyList<ReportFigure> QualityFigures = [ReportFigure.Decisions, ReportFigure.Sampled, ReportFigure.Returned, ReportFigure.Moderated];

    public static readonly IReadOnlyList<ReportFigure> AttemptFigures = [ReportFigure.Resits, ReportFigure.ResitPasses, ReportFigure.Retakes, ReportFigure.RetakePasses];

    public static readonly IReadOnlyList<ReportFigure> AppealFigures = [ReportFigure.AppealsLodged, ReportFigure.AppealsUpheld, ReportFigure.AppealsRejected, ReportFigure.AppealsPending];

    /// <summary>Released results: of each case's attempt, the latest release (a re-assessment after an upheld appeal replaces the first).</summary>
    public static IReadOnlyList<DecisionFact> Results(IEnumerable<DecisionFact> decisions) =>
        decisions.Where(d => d.ReleasedAt is not null)
            .GroupBy(d => (d.CaseId, d.Attempt))
            .Select(g => g.OrderBy(d => d.ReleasedAt).ThenBy(d => d.DecisionId).Last())
            .ToList();

    /// <summary>The group a decision belongs to (null: a case with no training provider).</summary>
    public static string? KeyOf(DecisionFact fact, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Employer => Key(fact.EmployerId),
        ReportGrouping.Provider => fact.ProviderId is { } provider ? Key(provider) : null,
        _ => fact.AssessorId,
    };

    public static string? KeyOf(AppealFact fact, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Employer => Key(fact.EmployerId),
        ReportGrouping.Provider => fact.ProviderId is { } provider ? Key(provider) : null,
        _ => fact.AssessorId,
    };

    /// <summary>
    /// The items behind one figure, optionally of one group (<paramref name="grouping"/> and <paramref name="key"/>;
    /// a null key with a grouping is the group of cases without one, e.g. no training provider) and, for
    /// <see cref="ReportFigure.Returned"/>, of one return reason.
    /// </summary>
    public static IReadOnlyList<FigureItem> Select(
        IReadOnlyList<DecisionFact> decisions,
        IReadOnlyList<AppealFact> appeals,
        ReportFigure figure,
        ReportGrouping? grouping = null,
        string? key = null,
        string? reason = null)
    {
        if (IsAppealFigure(figure))
        {
            return appeals.Where(a => grouping is not { } g || KeyOf(a, g) == key)
                .Where(a => Counts(a, figure))
                .OrderBy(a => a.CaseId).ThenBy(a => a.AppealId)
                .Select(a => new FigureItem(a.CaseId, a.Attempt, null, a.AppealId))
                .ToList();
        }

        var source = IsDecisionFigure(figure) ? decisions : Results(decisions);
        return source.Where(d => grouping is not { } g || KeyOf(d, g) == key)
            .Where(d => Counts(d, figure) && (reason is null || figure != ReportFigure.Returned || ReasonOf(d) == reason))
            .OrderBy(d => d.CaseId).ThenBy(d => d.Attempt).ThenBy(d => d.DecisionId)
            .Select(d => new FigureItem(d.CaseId, d.Attempt, d.DecisionId, null))
            .ToList();
    }

    /// <summary>One row per group  with the counts of <paramref name="figures"/>, and the total row.</summary>
    public static (IReadOnlyList<ReportRow> Rows, ReportRow Total) Table(
        IReadOnlyList<DecisionFact> decisions,
        IReadOnlyList<AppealFact> appeals,
        ReportGrouping grouping,
        IReadOnlyList<ReportFigure> figures)
    {
        var results = Results(decisions);
        var keys = figures.Any(IsAppealFigure)
            ? appeals.Select(a => KeyOf(a, grouping)).Distinct().ToList()
            : (figures.Any(IsDecisionFigure) ? decisions : results).Select(d => KeyOf(d, grouping)).Distinct().ToList();
        // Each group's facts found once (a lookup by key), not by filtering every fact for every group and figure:
        // the work follows the period's facts, whatever the number of employers, providers or assessors.
        var decisionsBy = decisions.ToLookup(d => KeyOf(d, grouping) ?? string.Empty);
        var resultsBy = results.ToLookup(d => KeyOf(d, grouping) ?? string.Empty);
        var appealsBy = appeals.ToLookup(a => KeyOf(a, grouping) ?? string.Empty);
        var rows = keys.Select(k =>
            {
                var key = k ?? string.Empty;
                IReadOnlyList<DecisionFact> groupDecisions = [.. decisionsBy[key].Where(d => KeyOf(d, grouping) == k)];
                IReadOnlyList<DecisionFact> groupResults = [.. resultsBy[key].Where(d => KeyOf(d, grouping) == k)];
                IReadOnlyList<AppealFact> groupAppeals = [.. appealsBy[key].Where(a => KeyOf(a, grouping) == k)];
                return new ReportRow(k, figures.ToDictionary(f => f, f => CountOf(groupDecisions, groupResults, groupAppeals, f, _ => true, _ => true)));
            })
            .ToList();
        var total = new ReportRow(null, figures.ToDictionary(f => f, f => CountOf(decisions, results, appeals, f, _ => true, _ => true)));
        return (rows, total);
    }

    /// <summary>The overall counts of <paramref name="figures"/>.</summary>
    public static ReportRow Totals(IReadOnlyList<DecisionFact> decisions, IReadOnlyList<AppealFact> appeals, IReadOnlyList<ReportFigure> figures)
    {
        var results = Results(decisions);
        return new ReportRow(null, figures.ToDictionary(f => f, f => CountOf(decisions, results, appeals, f, _ => true, _ => true)));
    }

    /// <summary>Gateway to result, in working days, over the timed results.</summary>
    public static DaySummary GatewayToResult(IReadOnlyList<DecisionFact> decisions) =>
        Summarise(Results(decisions).Where(d => Counts(d, ReportFigure.Timed)).Select(d => d.GatewayToResultWorkingDays!.Value));

    /// <summary>Lodging to decision, in working days, over the decided appeals.</summary>
    public static DaySummary TimeToDecide(IReadOnlyList<AppealFact> appeals) =>
        Summarise(appeals.Where(a => a.WorkingDaysToDecide is not null).Select(a => a.WorkingDaysToDecide!.Value));

    /// <summary>The reasons quality assurance gave for returns, most frequent first (each with the assessor's key when grouped).</summary>
    public static IReadOnlyList<(string Reason, int Count)> ReturnReasons(IReadOnlyList<DecisionFact> decisions) =>
        decisions.Where(d => d.Qa == QaStatus.Returned)
            .GroupBy(ReasonOf)
            .Select(g => (Reason: g.Key, Count: g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();

    /// <summary>A return's reason as reports group it: trimmed, "(no reason recorded)" when empty.</summary>
    public static string ReasonOf(DecisionFact fact) =>
        string.IsNullOrWhiteSpace(fact.ReturnReason) ? "(no reason recorded)" : fact.ReturnReason.Trim();

    public static bool IsAppealFigure(ReportFigure figure) => figure is ReportFigure.AppealsLodged or ReportFigure.AppealsUpheld or ReportFigure.AppealsRejected or ReportFigure.AppealsPending;

    /// <summary>Figures over every decision in the period (the rest are over released results).</summary>
    public static bool IsDecisionFigure(ReportFigure figure) => figure is ReportFigure.Decisions or ReportFigure.Sampled or ReportFigure.Returned or ReportFigure.Moderated;

    /// <summary>Whether a decision (or a released result) counts towards a figure.</summary>
    public static bool Counts(DecisionFact d, ReportFigure figure) => figure switch
    {
        ReportFigure.Results or ReportFigure.Decisions => true,
        ReportFigure.Fail => d.Grade == Grade.Fail,
        ReportFigure.Pass => d.Grade == Grade.Pass,
        ReportFigure.Merit => d.Grade == Grade.Merit,
        ReportFigure.Distinction => d.Grade == Grade.Distinction,
        ReportFigure.Passed => d.Grade != Grade.Fail,
        ReportFigure.FirstAttempts => d.Attempt == 1,
        ReportFigure.FirstTimePasses => d.Attempt == 1 && d.Grade != Grade.Fail,
        ReportFigure.Timed => d.Attempt == 1 && d.GatewayToResultWorkingDays is not null,
        ReportFigure.WithinEpaPeriod => d.Attempt == 1 && d.GatewayToResultWorkingDays is not null && d.WithinEpaPeriod == true,
        ReportFigure.Sampled => d.Qa is QaStatus.Pending or QaStatus.Approved or QaStatus.Returned,
        ReportFigure.Returned => d.Qa == QaStatus.Returned,
        ReportFigure.Moderated => d.Moderated,
        ReportFigure.Resits => d.Attempt > 1 && d.Kind == AttemptKind.Resit,
        ReportFigure.ResitPasses => d.Attempt > 1 && d.Kind == AttemptKind.Resit && d.Grade != Grade.Fail,
        ReportFigure.Retakes => d.Attempt > 1 && d.Kind == AttemptKind.Retake,
        ReportFigure.RetakePasses => d.Attempt > 1 && d.Kind == AttemptKind.Retake && d.Grade != Grade.Fail,
        _ => false,
    };

    /// <summary>Whether an appeal counts towards an appeal figure.</summary>
    public static bool Counts(AppealFact a, ReportFigure figure) => figure switch
    {
        ReportFigure.AppealsLodged => true,
        ReportFigure.AppealsUpheld => a.Outcome == AppealOutcome.Upheld,
        ReportFigure.AppealsRejected => a.Outcome == AppealOutcome.Rejected,
        ReportFigure.AppealsPending => a.Outcome == AppealOutcome.Pending,
        _ => false,
    };

    private static int CountOf(
        IReadOnlyList<DecisionFact> decisions,
        IReadOnlyList<DecisionFact> results,
        IReadOnlyList<AppealFact> appeals,
        ReportFigure figure,
        Func<DecisionFact, bool> inGroup,
        Func<AppealFact, bool> appealInGroup)
    {
        if (IsAppealFigure(figure))
        {
            return appeals.Count(a => appealInGroup(a) && Counts(a, figure));
        }

        return (IsDecisionFigure(figure) ? decisions : results).Count(d => inGroup(d) && Counts(d, figure));
    }

    private static DaySummary Summarise(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return new DaySummary(0, null, null, null);
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return new DaySummary(sorted.Count, median, Math.Round(sorted.Average(), 1), sorted[^1]);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
