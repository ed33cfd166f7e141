using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Reporting;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Reports;

/// <summary>
/// Management information (issue 21, ADR 23): two commands read the facts of the period (every grade decision
/// and every appeal, one narrow row each, through the DecidedAt and LodgedAt indexes), and the domain's
/// <see cref="ManagementReports"/> counts them. The page, its CSV downloads and the drill-down lists all count
/// with the same rule, so a figure and the list behind it always agree.
/// </summary>
public sealed class ReportsService(PortalDbContext db, TimeProvider clock, BankHolidaySource holidays)
{
    /// <summary>The group key of the cases without one (no training provider) in a drill-down URL.</summary>
    public const string NoGroup = "none";

    public async Task<ReportsViewModel> LoadAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        var (decisions, appeals, problem) = await FactsAsync(filter, cancellationToken);
        var versions = await db.StandardVersions.AsNoTracking()
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new FilterOption(v.Id.ToString(CultureInfo.InvariantCulture), v.Standard!.Reference + " version " + v.Version))
            .ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Id, o.Name, o.IsEmployer, o.Ukprn })
            .ToListAsync(cancellationToken);
        var assessors = await AssessorNamesAsync(cancellationToken);

        var names = organisations.ToDictionary(o => o.Id.ToString(CultureInfo.InvariantCulture), o => o.Name);
        string Label(string? key) => filter.By switch
        {
            ReportGrouping.Assessor => key is null ? "No assessor" : assessors.GetValueOrDefault(key) ?? "Former assessor",
            ReportGrouping.Provider => key is null ? "No training provider" : names.GetValueOrDefault(key) ?? key,
            _ => key is null ? "None" : names.GetValueOrDefault(key) ?? key,
        };

        ReportTable Table(string id, string title, IReadOnlyList<ReportFigure> figures)
        {
            var (rows, total) = ManagementReports.Table(decisions, appeals, filter.By, figures);
            return new ReportTable(id, title, filter.By, figures,
                rows.Select(r => new LabelledRow(Label(r.Key), r)).OrderBy(r => r.Label, StringComparer.CurrentCulture).ThenBy(r => r.Row.Key, StringComparer.Ordinal).ToList(),
                total);
        }

        var (qaRows, qaTotal) = ManagementReports.Table(decisions, appeals, ReportGrouping.Assessor, ManagementReports.QualityFigures);
        var quality = new ReportTable("quality", "Quality assurance by assessor", ReportGrouping.Assessor, ManagementReports.QualityFigures,
            qaRows.Select(r => new LabelledRow(r.Key is null ? "No assessor" : assessors.GetValueOrDefault(r.Key) ?? "Former assessor", r)).OrderBy(r => r.Label, StringComparer.CurrentCulture).ThenBy(r => r.Row.Key, StringComparer.Ordinal).ToList(),
            qaTotal);

        return new ReportsViewModel(
            filter,
            versions,
            organisations.Where(o => o.IsEmployer).OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new FilterOption(o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList(),
            organisations.Where(o => Domain.Identifiers.Ukprn.IsValid(o.Ukprn)).OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new FilterOption(o.Id.ToString(CultureInfo.InvariantCulture), o.Name)).ToList(),
            assessors.OrderBy(a => a.Value, StringComparer.CurrentCulture).Select(a => new FilterOption(a.Key, a.Value)).ToList(),
            Table("results", "Grades and pass rates", ManagementReports.ResultFigures),
            quality,
            Table("attempts", "Re-sits and re-takes", ManagementReports.AttemptFigures),
            ManagementReports.Totals(decisions, appeals, ManagementReports.TimelinessFigures),
            ManagementReports.GatewayToResult(decisions),
            ManagementReports.Totals(decisions, appeals, ManagementReports.AppealFigures),
            ManagementReports.TimeToDecide(appeals),
            ManagementReports.ReturnReasons(decisions),
            problem);
    }

    /// <summary>The case attempts behind one figure (of one group, of one return reason), a page at a time.</summary>
    public async Task<FigureCasesViewModel> CasesAsync(ReportFilter filter, ReportFigure figure, string? group, string? reason, int page, CancellationToken cancellationToken)
    {
        var (decisions, appeals, _) = await FactsAsync(filter, cancellationToken);
        var grouped = group is not null;
        var key = group == NoGroup ? null : group;
        var items = ManagementReports.Select(decisions, appeals, figure, grouped ? filter.By : null, key, reason);
        var pages = Math.Max(1, (items.Count + FigureCasesViewModel.PageSize - 1) / FigureCasesViewModel.PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await RowsAsync(items.Skip((page - 1) * FigureCasesViewModel.PageSize).Take(FigureCasesViewModel.PageSize).ToList(), null, cancellationToken);
        var label = grouped ? await GroupLabelAsync(filter.By, key, cancellationToken) : null;
        return new FigureCasesViewModel(filter, figure, label, reason, items.Count, page, pages, rows);
    }

    /// <summary>Every case attempt behind one figure, for the CSV: the facts, then the details of the whole filter in one command (not one per chunk of ids).</summary>
    public async Task<IReadOnlyList<FigureCaseRow>> AllCasesAsync(ReportFilter filter, ReportFigure figure, string? group, string? reason, CancellationToken cancellationToken)
    {
        var (decisions, appeals, _) = await FactsAsync(filter, cancellationToken);
        var items = ManagementReports.Select(decisions, appeals, figure, group is null ? null : filter.By, group == NoGroup ? null : group, reason);
        return await RowsAsync(items, filter, cancellationToken);
    }

    /// <summary>The facts of the filter's period: every grade decision and every appeal, in two commands.</summary>
    public async Task<(IReadOnlyList<DecisionFact> Decisions, IReadOnlyList<AppealFact> Appeals, string? Problem)> FactsAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        string? problem = null;
        if (filter.From is { } f && filter.To is { } t && t < f)
        {
            problem = "The 'to' date is before the 'from' date: no decision can fall in that period.";
        }

        var (start, end) = Period(filter);

        var decisionQuery = DecisionQuery(filter, start, end);
        var rows = await decisionQuery.Select(x => new
        {
            x.D.Id,
            x.D.CaseId,
            x.D.Attempt,
            x.D.AssessorId,
            FinalGrade = x.D.ModeratedGrade ?? x.D.FinalGrade,
            Moderated = x.D.ModeratedGrade != null,
            x.D.DecidedAt,
            x.D.QaStatus,
            x.D.QaReturnReason,
            x.D.ReleasedAt,
            x.C.OrganisationId,
            x.C.ProviderOrganisationId,
            CaseAttempt = x.C.Attempt,
            x.C.AttemptKind,
            x.C.GatewayApprovedAt,
            x.C.Apprentice!.Nation,
            x.C.StandardVersion!.Settings.EpaPeriodMonths,
        }).ToListAsync(cancellationToken);

        var today = Day(clock.GetUtcNow());
        var decisions = rows.Select(r =>
        {
            int? days = null;
            bool? within = null;
            if (r.Attempt == 1 && r.ReleasedAt is { } released && r.GatewayApprovedAt is { } approved)
            {
                var deadline = EpaPeriod.Assess(Day(approved), Day(released), today, r.EpaPeriodMonths, holidays.For(r.Nation));
                days = deadline.GatewayToResultWorkingDays;
                within = Day(released) <= deadline.Deadline;
            }

            return new DecisionFact(r.Id, r.CaseId, r.Attempt, KindOf(r.Attempt, r.CaseAttempt, r.AttemptKind), r.AssessorId, r.OrganisationId, r.ProviderOrganisationId,
                r.FinalGrade, r.DecidedAt, r.QaStatus, r.QaReturnReason, r.ReleasedAt, days, within, r.Moderated);
        }).ToList();

        var appealQuery = AppealQuery(filter, start, end);
        var appealRows = await appealQuery.Select(x => new
        {
            x.A.Id,
            x.A.CaseId,
            x.A.Attempt,
            x.A.LodgedAt,
            x.A.Outcome,
            x.A.DecidedAt,
            x.C.OrganisationId,
            x.C.ProviderOrganisationId,
            x.C.Apprentice!.Nation,

            // The assessor of the result appealed against: the attempt's release before the appeal.
            AssessorId = db.GradeDecisions.Where(g => g.CaseId == x.A.CaseId && g.Attempt == x.A.Attempt && g.ReleasedAt != null && g.ReleasedAt <= x.A.LodgedAt)
                .OrderByDescending(g => g.ReleasedAt).Select(g => g.AssessorId).FirstOrDefault(),
        }).ToListAsync(cancellationToken);

        var appeals = appealRows
            .Select(a => new AppealFact(a.Id, a.CaseId, a.Attempt, a.AssessorId, a.OrganisationId, a.ProviderOrganisationId, a.LodgedAt, a.Outcome,
                a.DecidedAt is { } decided ? WorkingDays.Between(Day(a.LodgedAt), Day(decided), holidays.For(a.Nation)) : null))
            .Where(a => string.IsNullOrEmpty(filter.AssessorId) || a.AssessorId == filter.AssessorId)
            .ToList();
        return (decisions, appeals, problem);
    }

    /// <summary>How an attempt came about: the case's current kind for its current attempt; an earlier attempt after the first counts as a re-sit.</summary>
    public static AttemptKind KindOf(int attempt, int caseAttempt, AttemptKind caseKind) =>
        attempt <= 1 ? AttemptKind.First : attempt == caseAttempt ? caseKind : AttemptKind.Resit;

    // The active assessors' names, found from the role's holders (PortalUsers.HolderIds): one command whose cost
    // follows the number of assessors, not of accounts, which grows with every apprentice kept (issue 26: reading
    // every account's roles made this page's cost grow with the years of history).
    private async Task<Dictionary<string, string>> AssessorNamesAsync(CancellationToken cancellationToken)
    {
        var assessors = PortalUsers.HolderIds(db, Roles.Assessor);
        return await db.Users.AsNoTracking()
            .Where(u => u.DisabledAt == null && assessors.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    private async Task<string> GroupLabelAsync(ReportGrouping by, string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return by == ReportGrouping.Provider ? "No training provider" : "None";
        }

        if (by == ReportGrouping.Assessor)
        {
            return await db.Users.AsNoTracking().Where(u => u.Id == key).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "Former assessor";
        }

        var id = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "Unknown organisation";
    }

    private (DateTimeOffset? Start, DateTimeOffset? End) Period(ReportFilter filter) =>
        (filter.From is { } from ? StartOfUkDay(from) : null, filter.To is { } to ? StartOfUkDay(to.AddDays(1)) : null);

    /// <summary>The grade decisions of the filter (period by DecidedAt: index IX_GradeDecisions_DecidedAt).</summary>
    private IQueryable<DecisionRow> DecisionQuery(ReportFilter filter, DateTimeOffset? start, DateTimeOffset? end)
    {
        var query = from d in db.GradeDecisions.AsNoTracking()
                    join c in db.Cases.AsNoTracking() on d.CaseId equals c.Id
                    select new DecisionRow { D = d, C = c };
        if (start is { } s)
        {
            query = query.Where(x => x.D.DecidedAt >= s);
        }

        if (end is { } e)
        {
            query = query.Where(x => x.D.DecidedAt < e);
        }

        if (filter.VersionId is { } version)
        {
            query = query.Where(x => x.C.StandardVersionId == version);
        }

        if (filter.EmployerId is { } employer)
        {
            query = query.Where(x => x.C.OrganisationId == employer);
        }

        if (filter.ProviderId is { } provider)
        {
            query = query.Where(x => x.C.ProviderOrganisationId == provider);
        }

        if (!string.IsNullOrEmpty(filter.AssessorId))
        {
            query = query.Where(x => x.D.AssessorId == filter.AssessorId);
        }

        return query;
    }

    /// <summary>The appeals of the filter (period by LodgedAt: index IX_Appeals_LodgedAt); the assessor filter is applied to the facts.</summary>
    private IQueryable<AppealRow> AppealQuery(ReportFilter filter, DateTimeOffset? start, DateTimeOffset? end)
    {
        var query = from a in db.Appeals.AsNoTracking()
                    join c in db.Cases.AsNoTracking() on a.CaseId equals c.Id
                    select new AppealRow { A = a, C = c };
        if (start is { } s)
        {
            query = query.Where(x => x.A.LodgedAt >= s);
        }

        if (end is { } e)
        {
            query = query.Where(x => x.A.LodgedAt < e);
        }

        if (filter.VersionId is { } version)
        {
            query = query.Where(x => x.C.StandardVersionId == version);
        }

        if (filter.EmployerId is { } employer)
        {
            query = query.Where(x => x.C.OrganisationId == employer);
        }

        if (filter.ProviderId is { } provider)
        {
            query = query.Where(x => x.C.ProviderOrganisationId == provider);
        }

        return query;
    }

    /// <summary>A decision with its case, composable in queries (member initialisation, which EF translates).</summary>
    private sealed class DecisionRow
    {
        public required GradeDecision D { get; init; }

        public required EpaCase C { get; init; }
    }

    private sealed class AppealRow
    {
        public required Appeal A { get; init; }

        public required EpaCase C { get; init; }
    }

    private async Task<IReadOnlyList<FigureCaseRow>> RowsAsync(IReadOnlyList<FigureItem> items, ReportFilter? filter, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        if (items[0].AppealId is not null)
        {
            var appealIds = items.Select(i => i.AppealId!.Value).ToList();
            var (appealStart, appealEnd) = filter is null ? default : Period(filter);
            var appealSource = filter is null
                ? db.Appeals.AsNoTracking().Where(a => appealIds.Contains(a.Id)).Join(db.Cases, a => a.CaseId, c => c.Id, (a, c) => new AppealRow { A = a, C = c })
                : AppealQuery(filter, appealStart, appealEnd);
            var appealRows = await appealSource
                .Select(x => new
                {
                    x.A.Id,
                    x.A.CaseId,
                    x.A.Attempt,
                    Name = x.C.Apprentice!.GivenNames + " " + x.C.Apprentice.FamilyName,
                    Employer = db.Organisations.Where(o => o.Id == x.C.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                    x.A.LodgedAt,
                    x.A.DecidedAt,
                    x.A.Outcome,
                })
                .ToListAsync(cancellationToken);
            var byAppeal = appealRows.ToDictionary(r => r.Id);
            return items.Where(i => byAppeal.ContainsKey(i.AppealId!.Value)).Select(i => byAppeal[i.AppealId!.Value])
                .Select(r => new FigureCaseRow(r.CaseId, r.Attempt, r.Name, r.Employer ?? string.Empty, null, null, null, null, r.LodgedAt, r.DecidedAt, DisplayOutcome(r.Outcome)))
                .ToList();
        }

        var ids = items.Select(i => i.DecisionId!.Value).ToList();
        var (decisionStart, decisionEnd) = filter is null ? default : Period(filter);
        var decisionSource = filter is null
            ? db.GradeDecisions.AsNoTracking().Where(d => ids.Contains(d.Id)).Join(db.Cases, d => d.CaseId, c => c.Id, (d, c) => new DecisionRow { D = d, C = c })
            : DecisionQuery(filter, decisionStart, decisionEnd);
        var decisionRows = await decisionSource
            .Select(x => new
            {
                x.D.Id,
                x.D.CaseId,
                x.D.Attempt,
                Name = x.C.Apprentice!.GivenNames + " " + x.C.Apprentice.FamilyName,
                Employer = db.Organisations.Where(o => o.Id == x.C.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                Assessor = db.Users.Where(u => u.Id == x.D.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
                FinalGrade = x.D.ModeratedGrade ?? x.D.FinalGrade,
                AssessorGrade = x.D.FinalGrade,
                Moderated = x.D.ModeratedGrade != null,
                x.D.QaStatus,
                x.D.QaReturnReason,
                x.D.DecidedAt,
                x.D.ReleasedAt,
            })
            .ToListAsync(cancellationToken);
        var byDecision = decisionRows.ToDictionary(r => r.Id);
        return items.Where(i => byDecision.ContainsKey(i.DecisionId!.Value)).Select(i => byDecision[i.DecisionId!.Value])
            .Select(r => new FigureCaseRow(r.CaseId, r.Attempt, r.Name, r.Employer ?? string.Empty, r.Assessor, r.FinalGrade.ToString(), r.Moderated ? $"Moderated from {r.AssessorGrade}" : QaText(r.QaStatus),
                r.QaStatus == QaStatus.Returned ? r.QaReturnReason : null, r.DecidedAt, r.ReleasedAt, null))
            .ToList();
    }

    public static string QaText(QaStatus status) => status switch
    {
        QaStatus.NotSampled => "Not sampled",
        QaStatus.Pending => "Waiting for QA",
        QaStatus.Approved => "Approved",
        _ => "Returned",
    };

    private static string DisplayOutcome(AppealOutcome outcome) => outcome switch
    {
        AppealOutcome.Upheld => "Upheld",
        AppealOutcome.Rejected => "Rejected",
        _ => "Not decided yet",
    };

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).DateTime);

    private DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local));
    }
}
