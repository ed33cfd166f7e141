using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The assessor's caseload: only the cases allocated to them, filtered, searched and paged in SQL. One
/// command counts the matching cases and one reads the page (with the current attempt's project window and
/// interview joined in), whatever the size of the caseload; urgency and order are computed in SQL too.
/// </summary>
public sealed class CaseloadService(PortalDbContext db, TimeProvider clock, IOptions<AssessorOptions> options, Scheduling.BankHolidaySource holidays)
{
    public async Task<CaseloadViewModel> GetAsync(string assessorId, CaseloadQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(options.Value.PageSize, 10, 50);
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        if (search is { Length: > 100 })
        {
            search = search[..100];
        }

        string? problem = null;
        CaseState? state = null;
        if (!string.IsNullOrEmpty(query.State))
        {
            if (Enum.TryParse<CaseState>(query.State, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                state = parsed;
            }
            else
            {
                problem = "That state is not known: showing cases in every state.";
            }
        }

        var pattern = search is null ? null : "%" + EscapeLike(search) + "%";
        var ulnPrefix = search is null ? null : EscapeLike(search) + "%";
        var total = await CountQuery(db, assessorId, state, pattern, ulnPrefix, cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var now = clock.GetUtcNow();
        var overdueBefore = now.AddDays(-options.Value.ActionDueDays);
        var rows = new List<PageRow>(pageSize);
        await foreach (var row in PageQuery(db, assessorId, state, pattern, ulnPrefix, now, overdueBefore, (page - 1) * pageSize, pageSize).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var due = TimeSpan.FromDays(options.Value.ActionDueDays);
        var result = rows.Select(r => new CaseloadRow(
                r.Id,
                $"{r.GivenNames} {r.FamilyName}",
                r.Uln,
                r.EmployerName,
                r.State,
                r.IsOnHold,
                r.Attempt,
                r.StateChangedAt,
                r.WindowOpensAt,
                r.WindowClosesAt,
                r.InterviewAt,
                r.Urgency,
                NextAction(r.State, r.IsOnHold, r.Urgency, r.WindowOpensAt, r.WindowClosesAt, r.InterviewAt),
                r.Urgency is CaseUrgency.Overdue or CaseUrgency.NeedsAction ? r.DueFrom + due : null,
                Scheduling.EpaDeadlines.Assess(r.GatewayApprovedAt, r.ResultReleasedAt, r.EpaPeriodMonths, holidays.For(r.Nation), clock)))
            .ToList();

        var states = Enum.GetValues<CaseState>()
            .Select(s => new StateOption(s.ToString(), DisplayNames.Of(s), s == state))
            .ToList();
        return new CaseloadViewModel(result, total, page, pageSize, state?.ToString(), search, states, problem);
    }

    // Compiled once: the page is the portal's busiest, and building and looking up the LINQ tree on every
    // request cost more than the SQL itself (bench/README.md).
    private static readonly Func<PortalDbContext, string, CaseState?, string?, string?, CancellationToken, Task<int>> CountQuery =
        EF.CompileAsyncQuery((PortalDbContext db, string assessorId, CaseState? state, string? pattern, string? ulnPrefix, CancellationToken cancellationToken) =>
            db.Cases.AsNoTracking().Where(c => c.AssessorId == assessorId
                && (state == null || c.State == state)
                && (pattern == null || db.Apprentices.Any(a => a.Id == c.ApprenticeId
                    && (EF.Functions.Like(a.GivenNames + " " + a.FamilyName, pattern, "\\") || EF.Functions.Like(a.Uln, ulnPrefix!, "\\"))))).Count());

    // Two steps in one command: the whole caseload is ordered from narrow columns only (the case's covering
    // index and the current interview's start), then the one page is joined to its details.
    private static readonly Func<PortalDbContext, string, CaseState?, string?, string?, DateTimeOffset, DateTimeOffset, int, int, IAsyncEnumerable<PageRow>> PageQuery =
        EF.CompileAsyncQuery((PortalDbContext db, string assessorId, CaseState? state, string? pattern, string? ulnPrefix, DateTimeOffset now, DateTimeOffset overdueBefore, int skip, int take) =>
            from s in (
                    from c in db.Cases.AsNoTracking().Where(c => c.AssessorId == assessorId
                        && (state == null || c.State == state)
                        && (pattern == null || db.Apprentices.Any(a => a.Id == c.ApprenticeId
                            && (EF.Functions.Like(a.GivenNames + " " + a.FamilyName, pattern, "\\") || EF.Functions.Like(a.Uln, ulnPrefix!, "\\")))))
                    join i in db.Interviews on new { CaseId = c.Id, c.Attempt } equals new { i.CaseId, i.Attempt } into interviews
                    from i in interviews.DefaultIfEmpty()
                    let interviewStarted = c.State == CaseState.InterviewScheduled && i != null && i.StartsAt <= now
                    let needsAction = !c.IsOnHold
                        && (c.State == CaseState.GatewayApproved || c.State == CaseState.ResitPlanned || c.State == CaseState.RetakePlanned
                            || c.State == CaseState.AppealUpheld || c.State == CaseState.ProjectSubmitted || c.State == CaseState.PreInterviewReview
                            || c.State == CaseState.InterviewCompleted || interviewStarted)
                    let dueFrom = c.State == CaseState.InterviewScheduled && i != null ? i.StartsAt : c.StateChangedAt
                    let closed = c.State == CaseState.ResultReleased || c.State == CaseState.CertificateRequested || c.State == CaseState.FailRecorded
                        || c.State == CaseState.AppealRejected || c.State == CaseState.Withdrawn
                    let urgency = needsAction
                        ? (dueFrom < overdueBefore ? CaseUrgency.Overdue : CaseUrgency.NeedsAction)
                        : (closed ? CaseUrgency.Closed : CaseUrgency.Waiting)
                    orderby urgency, dueFrom, c.Id
                    select new { c.Id, Urgency = urgency, DueFrom = dueFrom, InterviewAt = i == null ? (DateTimeOffset?)null : i.StartsAt })
                .Skip(skip)
                .Take(take)
            join c in db.Cases on s.Id equals c.Id
            join p in db.ProjectSubmissions on new { CaseId = c.Id, c.Attempt } equals new { p.CaseId, p.Attempt } into projects
            from p in projects.DefaultIfEmpty()
            orderby s.Urgency, s.DueFrom, s.Id
            select new PageRow(
                c.Id,
                c.Apprentice!.GivenNames,
                c.Apprentice!.FamilyName,
                c.Apprentice!.Uln,
                c.Apprentice!.Organisation!.Name,
                c.State,
                c.IsOnHold,
                c.Attempt,
                c.StateChangedAt,
                p == null ? null : p.WindowOpensAt,
                p == null ? null : p.WindowClosesAt,
                s.InterviewAt,
                s.Urgency,
                s.DueFrom,
                c.GatewayApprovedAt,
                c.ResultReleasedAt,
                c.StandardVersion!.Settings.EpaPeriodMonths,
                c.Apprentice!.Nation));

    private sealed record PageRow(
        int Id,
        string GivenNames,
        string FamilyName,
        string Uln,
        string EmployerName,
        CaseState State,
        bool IsOnHold,
        int Attempt,
        DateTimeOffset StateChangedAt,
        DateTimeOffset? WindowOpensAt,
        DateTimeOffset? WindowClosesAt,
        DateTimeOffset? InterviewAt,
        CaseUrgency Urgency,
        DateTimeOffset DueFrom,
        DateTimeOffset? GatewayApprovedAt,
        DateTimeOffset? ResultReleasedAt,
        int EpaPeriodMonths,
        UkNation Nation);

    /// <summary>What the case waits for, in words: the assessor's next step, or who else it is with.</summary>
    public static string? NextAction(CaseState state, bool onHold, CaseUrgency urgency, DateTimeOffset? opens, DateTimeOffset? closes, DateTimeOffset? interviewAt)
    {
        if (onHold)
        {
            return "On hold (malpractice investigation): nothing can be done until an admin resumes the case.";
        }

        return state switch
        {
            CaseState.GatewayApproved or CaseState.ResitPlanned or CaseState.RetakePlanned => "Set the project brief and window.",
            CaseState.AppealUpheld => "Start the re-assessment.",
            CaseState.ProjectSubmitted => "Start the pre-interview review.",
            CaseState.PreInterviewReview => "Record initial conclusions and questions, then book the interview.",
            CaseState.InterviewScheduled when urgency is CaseUrgency.Overdue or CaseUrgency.NeedsAction => "Record the interview and mark it completed.",
            CaseState.InterviewScheduled when interviewAt is { } at => $"Interview on {UkTime.DateTime(at)}.",
            CaseState.InterviewCompleted => "Record the final judgement.",
            CaseState.ProjectScheduled when opens is { } at => $"Project window opens {UkTime.DateTime(at)}.",
            CaseState.ProjectInProgress when closes is { } at => $"Project window closes {UkTime.DateTime(at)}.",
            CaseState.Graded => "With quality assurance.",
            CaseState.IqaApproved => "Quality assured: awaiting release.",
            CaseState.AppealLodged => "Appeal lodged: with an admin.",
            _ => null,
        };
    }

    /// <summary>Search text is matched literally: LIKE wildcards typed by the user are escaped.</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
}
