using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The assessor's caseload: only the cases allocated to them, filtered, searched and paged in SQL. By default
/// the open work (<see cref="OpenWork"/>), most urgent first: one command counts it and one reads the page,
/// both from the index of open cases, whose size follows open work however many years of closed cases the
/// assessor has. Closed cases are listed on request, most recently closed first, a keyset page at a time
/// from the index of closed cases (one command; no total, which would grow with history).
/// </summary>
public sealed class CaseloadService(PortalDbContext db, TimeProvider clock, IOptions<AssessorOptions> options, Scheduling.BankHolidaySource holidays)
{
    /// <summary>
    /// The closed cases' sort (issue 21): by the time they closed, most recent first by default or earliest first,
    /// the case the tie-break (index IX_Cases_Closed_Assessor, AssessorId then StateChangedAt, either way).
    /// </summary>
    public static readonly ListSorts<EpaCase, CaseloadRow> ClosedSorts = new ListSorts<EpaCase, CaseloadRow>()
        .Column("closed", c => c.StateChangedAt, c => c.Id, r => r.StateChangedAt, r => r.CaseId, defaultDescending: true);

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

        // A state chosen decides which list it is in; otherwise the open work unless the closed cases are asked for.
        var closed = state is { } chosen ? OpenWork.IsClosed(chosen) : string.Equals(query.Show, CaseloadQuery.Closed, StringComparison.OrdinalIgnoreCase);
        var states = (closed ? OpenWork.ClosedStates : OpenWork.OpenStates)
            .Select(s => new StateOption(s.ToString(), DisplayNames.Of(s), s == state))
            .ToList();
        var pattern = search is null ? null : "%" + EscapeLike(search) + "%";
        var ulnPrefix = search is null ? null : EscapeLike(search) + "%";
        if (closed)
        {
            var history = await ClosedSorts.Resolve(query.Sort).PageAsync(ClosedCases(assessorId, state, pattern, ulnPrefix), new PageRequest(query.After, query.Before), pageSize, ClosedRow, cancellationToken);
            return new CaseloadViewModel(history.Items, null, 1, pageSize, state?.ToString(), search, states, problem ?? history.Problem)
            {
                Show = CaseloadQuery.Closed,
                Sort = query.Sort,
                Previous = history.Previous,
                Next = history.Next,
            };
        }

        if (OpenSort.Find(query.Sort) is { } sort)
        {
            // A column sort of the open work (issue 21): the open work is read whole in one command (its size
            // follows the assessor's open cases, bounded by their capacity, never their history) and ordered here.
            var open = await OpenRowsAsync(assessorId, state, pattern, ulnPrefix, 0, OpenSort.MaxRows, cancellationToken);
            var sortedPageCount = Math.Max(1, (open.Count + pageSize - 1) / pageSize);
            var sortedPage = Math.Clamp(query.Page, 1, sortedPageCount);
            var sorted = sort.Apply(open).Skip((sortedPage - 1) * pageSize).Take(pageSize).ToList();
            problem ??= open.Count >= OpenSort.MaxRows ? $"Sorted among the {OpenSort.MaxRows:N0} most urgent open cases: filter by state or search to narrow the list." : null;
            return new CaseloadViewModel(sorted, open.Count, sortedPage, pageSize, state?.ToString(), search, states, problem) { Sort = sort.Name };
        }

        var total = await CountQuery(db, assessorId, state, pattern, ulnPrefix, cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var result = await OpenRowsAsync(assessorId, state, pattern, ulnPrefix, (page - 1) * pageSize, pageSize, cancellationToken);
        return new CaseloadViewModel(result, total, page, pageSize, state?.ToString(), search, states, problem);
    }

    /// <summary>
    /// The list the query shows, whole, in its order, for its CSV export (issue 21): the open work most urgent
    /// first (or in the column sort chosen), or the closed cases in their sort; at most <see cref="ListExport.MaxRows"/> rows, one command.
    /// Only the assessor's own cases, and only what the list shows (no notes, no grades).
    /// </summary>
    public async Task<IReadOnlyList<CaseloadRow>> ExportAsync(string assessorId, CaseloadQuery query, CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        if (search is { Length: > 100 })
        {
            search = search[..100];
        }

        CaseState? state = Enum.TryParse<CaseState>(query.State, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        var closed = state is { } chosen ? OpenWork.IsClosed(chosen) : string.Equals(query.Show, CaseloadQuery.Closed, StringComparison.OrdinalIgnoreCase);
        var pattern = search is null ? null : "%" + EscapeLike(search) + "%";
        var ulnPrefix = search is null ? null : EscapeLike(search) + "%";
        if (closed)
        {
            return await ListExport.RowsAsync(ClosedCases(assessorId, state, pattern, ulnPrefix), ClosedSorts.Resolve(query.Sort), ClosedRow, cancellationToken);
        }

        var open = await OpenRowsAsync(assessorId, state, pattern, ulnPrefix, 0, ListExport.MaxRows, cancellationToken);
        return OpenSort.Find(query.Sort) is { } sort ? sort.Apply(open).ToList() : open;
    }

    public static readonly IReadOnlyList<string> ExportHeader = ["Case", "Apprentice", "ULN", "Employer", "State", "On hold", "Attempt", "In this state since", "Project window opens", "Project window closes", "Interview", "Needs", "Action due", "EPA deadline"];

    public static IReadOnlyList<string?> ExportCells(CaseloadRow r) =>
    [
        r.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ApprenticeName, r.Uln, r.EmployerName, DisplayNames.Of(r.State), r.IsOnHold ? "Yes" : "No",
        r.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), UkTime.DateTime(r.StateChangedAt),
        r.WindowOpensAt is { } opens ? UkTime.DateTime(opens) : null, r.WindowClosesAt is { } closes ? UkTime.DateTime(closes) : null,
        r.InterviewAt is { } interview ? UkTime.DateTime(interview) : null, r.NextAction, r.DueAt is { } due ? UkTime.DateTime(due) : null,
        r.Deadline?.Deadline is { } epaDue ? UkTime.Date(epaDue) : null,
    ];

    /// <summary>Rows of the open work, most urgent first, from <paramref name="skip"/> (one command).</summary>
    private async Task<List<CaseloadRow>> OpenRowsAsync(string assessorId, CaseState? state, string? pattern, string? ulnPrefix, int skip, int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var overdueBefore = now.AddDays(-options.Value.ActionDueDays);
        var rows = new List<PageRow>(Math.Min(take, 100));
        await foreach (var row in PageQuery(db, assessorId, state, pattern, ulnPrefix, now, overdueBefore, skip, take).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var due = TimeSpan.FromDays(options.Value.ActionDueDays);
        return rows.Select(r => new CaseloadRow(
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
    }

    /// <summary>The assessor's closed cases, filtered (the closed list and its export share it).</summary>
    private IQueryable<EpaCase> ClosedCases(string assessorId, CaseState? state, string? pattern, string? ulnPrefix)
    {
        var cases = db.Cases.AsNoTracking().WhereClosed().Where(c => c.AssessorId == assessorId);
        if (state is { } only)
        {
            cases = cases.Where(c => c.State == only);
        }

        if (pattern is not null)
        {
            cases = cases.Where(c => EF.Functions.Like(c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName, pattern, "\\")
                || EF.Functions.Like(c.Apprentice.Uln, ulnPrefix!, "\\"));
        }

        return cases;
    }

    private static readonly System.Linq.Expressions.Expression<Func<EpaCase, CaseloadRow>> ClosedRow =
            c => new CaseloadRow(
                c.Id,
                c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                c.Apprentice.Uln,
                c.Apprentice.Organisation!.Name,
                c.State,
                c.IsOnHold,
                c.Attempt,
                c.StateChangedAt,
                null,
                null,
                null,
                CaseUrgency.Closed,
                null,
                null);

    // Compiled once: the page is the portal's busiest, and building and looking up the LINQ tree on every
    // request cost more than the SQL itself (bench/README.md). The open states are constants in the SQL, so
    // that the index of open cases serves both commands.
    private static readonly Func<PortalDbContext, string, CaseState?, string?, string?, CancellationToken, Task<int>> CountQuery =
        EF.CompileAsyncQuery(OpenWorkQueries.Inline<Func<PortalDbContext, string, CaseState?, string?, string?, CancellationToken, int>>((db, assessorId, state, pattern, ulnPrefix, cancellationToken) =>
            db.Cases.AsNoTracking().Where(c => c.AssessorId == assessorId
                && OpenWorkQueries.IsOpenState(c.State)
                && (state == null || c.State == state)
                && (pattern == null || db.Apprentices.Any(a => a.Id == c.ApprenticeId
                    && (EF.Functions.Like(a.GivenNames + " " + a.FamilyName, pattern, "\\") || EF.Functions.Like(a.Uln, ulnPrefix!, "\\"))))).Count()));

    // Two steps in one command: the open work is ordered from narrow columns only (the open cases' covering
    // index and the current interview's start), then the one page is joined to its details.
    private static readonly Func<PortalDbContext, string, CaseState?, string?, string?, DateTimeOffset, DateTimeOffset, int, int, IAsyncEnumerable<PageRow>> PageQuery =
        EF.CompileAsyncQuery(OpenWorkQueries.Inline<Func<PortalDbContext, string, CaseState?, string?, string?, DateTimeOffset, DateTimeOffset, int, int, IQueryable<PageRow>>>((db, assessorId, state, pattern, ulnPrefix, now, overdueBefore, skip, take) =>
            from s in (
                    from c in db.Cases.AsNoTracking().Where(c => c.AssessorId == assessorId
                        && OpenWorkQueries.IsOpenState(c.State)
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
                    let urgency = needsAction
                        ? (dueFrom < overdueBefore ? CaseUrgency.Overdue : CaseUrgency.NeedsAction)
                        : CaseUrgency.Waiting
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
                c.Apprentice!.Nation)));

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
