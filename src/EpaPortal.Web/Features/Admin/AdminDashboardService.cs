using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

public sealed record Bar(string Label, int Value, string? Href = null);

/// <summary>A horizontal bar chart drawn on the server as SVG (no script, no inline styles).</summary>
public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<Bar> Bars, string EmptyText)
{
    public const int Width = 640;
    public const int LabelWidth = 220;
    public const int RowHeight = 28;
    public const int BarArea = Width - LabelWidth - 60;

    public int Height => Math.Max(1, Bars.Count) * RowHeight + 8;

    public int Max => Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value));

    public int BarLength(Bar bar) => bar.Value == 0 ? 0 : Math.Max(2, (int)Math.Round((double)bar.Value * BarArea / Max));
}

public sealed record AdminDashboardViewModel(
    int OpenCases,
    int GatewaysToCheck,
    int OnHold,
    int Unallocated,
    int OutboxProblems,
    int OverdueAfterDays,
    BarChart CasesByState,
    BarChart Grades,
    BarChart Overdue,
    IReadOnlyList<DeadlineFlagRow>? DeadlineFlags = null)
{
    public int EpaAtRisk => DeadlineFlags?.Count(f => f.Deadline.Status == EpaDeadlineStatus.AtRisk) ?? 0;

    public int EpaOverdue => DeadlineFlags?.Count(f => f.Deadline.Status == EpaDeadlineStatus.Overdue) ?? 0;
}

/// <summary>A case at risk of missing, or past, its EPA deadline.</summary>
public sealed record DeadlineFlagRow(int CaseId, string ApprenticeName, CaseState State, EpaDeadline Deadline);

/// <summary>The admin dashboard's figures, each one grouped query.</summary>
public sealed class AdminDashboardService(PortalDbContext db, TimeProvider clock, IOptions<AdminOptions> options, BankHolidaySource holidays)
{
    /// <summary>States in which the case waits on its assessor.</summary>
    public static readonly IReadOnlyList<CaseState> AssessorWorkStates = [CaseState.ProjectSubmitted, CaseState.PreInterviewReview, CaseState.InterviewCompleted];

    public async Task<AdminDashboardViewModel> LoadAsync(CancellationToken cancellationToken)
    {
        var byState = await db.Cases.AsNoTracking().GroupBy(c => c.State)
            .Select(g => new { State = g.Key, Count = g.Count(), OnHold = g.Count(c => c.IsOnHold), Unallocated = g.Count(c => c.AssessorId == null) })
            .ToListAsync(cancellationToken);
        var grades = await db.GradeDecisions.AsNoTracking().Where(g => g.ReleasedAt != null).GroupBy(g => g.ModeratedGrade ?? g.FinalGrade)
            .Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var days = Math.Max(1, options.Value.OverdueAfterDays);
        var overdueBefore = clock.GetUtcNow().AddDays(-days);
        var overdue = await db.Cases.AsNoTracking()
            .Where(c => c.AssessorId != null && !c.IsOnHold && AssessorWorkStates.Contains(c.State) && c.StateChangedAt < overdueBefore)
            .GroupBy(c => c.AssessorId!)
            .Select(g => new { AssessorId = g.Key, Count = g.Count(), Name = db.Users.Where(u => u.Id == g.Key).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var deadlineFlags = await DeadlineFlagsAsync(cancellationToken);
        var outboxProblems = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null && (m.GaveUpAt != null || m.Attempts > 0), cancellationToken);

        var counts = byState.ToDictionary(x => x.State, x => x.Count);
        var stateBars = Enum.GetValues<CaseState>().Where(counts.ContainsKey)
            .Select(s => new Bar(DisplayNames.Of(s), counts[s], $"/admin/cases?state={s}")).ToList();
        var gradeBars = Enum.GetValues<Grade>().Reverse()
            .Select(g => new Bar(g.ToString(), grades.FirstOrDefault(x => x.Grade == g)?.Count ?? 0)).ToList();
        var overdueBars = overdue.OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(o => new Bar(o.Name ?? o.AssessorId, o.Count, $"/admin/users/{o.AssessorId}")).ToList();

        var open = byState.Where(x => !CaseWorkflow.IsTerminal(x.State)).ToList();
        return new AdminDashboardViewModel(
            open.Sum(x => x.Count),
            counts.GetValueOrDefault(CaseState.GatewaySubmitted),
            byState.Sum(x => x.OnHold),
            open.Where(x => AllocationService.CaseloadStates.Contains(x.State)).Sum(x => x.Unallocated),
            outboxProblems,
            days,
            new BarChart("chart-states", "Cases by state", "Number of cases in each state of the assessment.", stateBars, "No cases yet."),
            new BarChart("chart-grades", "Grades of released results", "Number of released results with each overall grade.", grades.Count == 0 ? [] : gradeBars, "No result has been released yet."),
            new BarChart("chart-overdue", "Overdue work per assessor", $"Cases waiting on their assessor (project submitted, pre-interview review, interview completed) for more than {days} days.", overdueBars, "No overdue work."),
            deadlineFlags);
    }

    /// <summary>
    /// Open cases past the gateway whose EPA deadline (the domain's <see cref="EpaPeriod"/>) is near or past,
    /// overdue first. One command: cases approved too recently to be at risk under the shortest EPA period a
    /// version may set (one month) are left out in SQL; the domain decides the rest.
    /// </summary>
    /// <summary>The oldest gateway approvals the dashboard weighs (the longest-running cases come first).</summary>
    public const int MaxDeadlineCandidates = 1000;

    private async Task<IReadOnlyList<DeadlineFlagRow>> DeadlineFlagsAsync(CancellationToken cancellationToken)
    {
        var approvedBefore = clock.GetUtcNow().AddMonths(-1).AddDays(EpaPeriod.AtRiskWorkingDays * 2);
        var candidates = await db.Cases.AsNoTracking()
            .Where(c => c.GatewayApprovedAt != null && c.GatewayApprovedAt < approvedBefore && c.ResultReleasedAt == null
                && c.State != CaseState.Withdrawn && c.State != CaseState.CertificateRequested)
            .Select(c => new
            {
                c.Id,
                Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                c.State,
                c.GatewayApprovedAt,
                c.Apprentice.Nation,
                c.StandardVersion!.Settings.EpaPeriodMonths,
            })
            .OrderBy(c => c.GatewayApprovedAt).ThenBy(c => c.Id)
            .Take(MaxDeadlineCandidates)
            .ToListAsync(cancellationToken);
        return candidates
            .Select(c => new DeadlineFlagRow(c.Id, c.Name, c.State, EpaDeadlines.Assess(c.GatewayApprovedAt, null, c.EpaPeriodMonths, holidays.For(c.Nation), clock)))
            .Where(r => r.Deadline.IsFlagged)
            .OrderByDescending(r => r.Deadline.Status == EpaDeadlineStatus.Overdue).ThenBy(r => r.Deadline.Deadline).ThenBy(r => r.CaseId)
            .ToList();
    }
}
