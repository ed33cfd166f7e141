using System.Linq.Expressions;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

/// <summary>The admin's case list, case page and the case commands that are the admin's alone
/// (register, withdraw, hold, resume, project extension). Every rule is the domain's.</summary>
public sealed class AdminCasesService(
    PortalDbContext db,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    Api.Webhooks.WebhookOutbox webhooks,
    CurrentUser user,
    TimeProvider clock,
    IOptions<IdentifierOptions> identifiers)
{
    public const int AuditTrailLength = 200;

    /// <summary>
    /// The case list's sorts (issue 21): the case number (the primary key; open work by IX_Cases_Open) and the
    /// time in the current state (index State+StateChangedAt by state, IX_Cases_StateChangedAt otherwise), each
    /// either way, the id the tie-break. Without a sort: newest first, or by state longest waiting first.
    /// </summary>
    public static readonly ListSorts<EpaCase, CaseListRow> Sorts = new ListSorts<EpaCase, CaseListRow>()
        .Column("case", c => c.Id, c => c.Id, r => r.Id, r => r.Id, defaultDescending: true)
        .Column("since", c => c.StateChangedAt, c => c.Id, r => r.StateChangedAt, r => r.Id);

    /// <summary>The sort a filter uses: the one it names, else newest first (by state: longest waiting first).</summary>
    public static IListSort<EpaCase, CaseListRow> SortOf(CaseListFilter filter) =>
        Sorts.Resolve(filter.Sort ?? (filter.State is null ? "-case" : "since"));

    /// <summary>Lists that include history are counted up to this many; beyond it the page says "more than".</summary>
    public const int CountLimit = 1000;

    /// <summary>
    /// One page of cases in at most three SQL commands whatever the data size: the counts of the open states
    /// (one grouped count over the index of open cases, IX_Cases_Open), the filtered count when it is not
    /// among them (stopped at <see cref="CountLimit"/>), and the page itself (a projection). By default the
    /// list is open work, newest first (IX_Cases_Open, in key order); <c>show=all</c> adds the closed cases
    /// (the primary key). Filtered by state, the page is ordered by time in that state (longest waiting first,
    /// index State+StateChangedAt). Pages are keyset pages (<see cref="KeysetOrder{TSource, TKey, TId}"/>): a
    /// later page costs what the first does, and its link shows the same cases while others are registered.
    /// </summary>
    public async Task<CaseListViewModel> ListAsync(CaseListFilter filter, CancellationToken cancellationToken)
    {
        var counts = await db.Cases.AsNoTracking()
            .WhereOpen()
            .GroupBy(c => c.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.State, x => x.Count, cancellationToken);

        var (query, q) = Filtered(filter);

        // Open work alone, or one open state, is already among the counts: one command fewer. History is
        // counted up to the limit.
        var total = !filter.OnHold && string.IsNullOrEmpty(q) && (filter.State is { } only ? OpenWork.IsOpen(only) : !filter.All)
            ? filter.State is { } open ? counts.GetValueOrDefault(open) : counts.Values.Sum()
            : await query.Take(CountLimit + 1).CountAsync(cancellationToken);
        var page = await SortOf(filter).PageAsync(query, new PageRequest(filter.After, filter.Before), Paging.MaxPageSize, Row(), cancellationToken);
        return new CaseListViewModel(filter with { Q = q }, page, total, counts);
    }

    /// <summary>The filtered list, whole, in its sort: the CSV export (one command, at most <see cref="ListExport.MaxRows"/> rows).</summary>
    public async Task<IReadOnlyList<CaseListRow>> ExportAsync(CaseListFilter filter, CancellationToken cancellationToken) =>
        await ListExport.RowsAsync(Filtered(filter).Query, SortOf(filter), Row(), cancellationToken);

    public static readonly IReadOnlyList<string> ExportHeader = ["Case", "Apprentice", "ULN", "Organisation", "State", "On hold", "In this state since", "Assessor", "Standard"];

    public static IReadOnlyList<string?> ExportCells(CaseListRow c) =>
    [
        c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.ApprenticeName, c.Uln, c.OrganisationName, DisplayNames.Of(c.State),
        c.IsOnHold ? "Yes" : "No", UkTime.ToUk(c.StateChangedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.AssessorName, c.VersionCode,
    ];

    private Expression<Func<EpaCase, CaseListRow>> Row() => c => new CaseListRow(
        c.Id,
        c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
        c.Apprentice.Uln,
        c.Apprentice.Organisation!.Name,
        c.State,
        c.IsOnHold,
        db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
        c.StateChangedAt,
        c.StandardVersion!.Standard!.Reference + " version " + c.StandardVersion.Version);

    /// <summary>The list's filter as a query (and the search text, trimmed): the page and the export share it.</summary>
    private (IQueryable<EpaCase> Query, string? Q) Filtered(CaseListFilter filter)
    {
        var query = db.Cases.AsNoTracking();
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }

        if (filter.OnHold)
        {
            query = query.Where(c => c.IsOnHold);
        }

        var q = filter.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (q.All(char.IsAsciiDigit))
            {
                var prefix = SearchText.StartsWith(q);
                query = query.Where(c => EF.Functions.Like(c.Apprentice!.Uln, prefix, "\\"));
            }
            else
            {
                var pattern = SearchText.Contains(q);
                query = query.Where(c => EF.Functions.Like(c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName, pattern, "\\")
                    || EF.Functions.Like(c.Apprentice.Organisation!.Name, pattern, "\\"));
            }
        }

        // Without a state or a search the list is open work; a search looks through the history too.
        if (filter.State is null && !filter.All && string.IsNullOrEmpty(q))
        {
            query = query.WhereOpen();
        }

        return (query, q);
    }

    /// <summary>
    /// The case page: the case's facts (already loaded and authorized on, the same facts the commands load) and
    /// its audit trail (one command). The moves offered are the workflow's answer for those facts, worked out
    /// for this admin now.
    /// </summary>
    public async Task<CaseDetailViewModel> DetailAsync(CaseSnapshot snapshot, CancellationToken cancellationToken)
    {
        var epaCase = snapshot.Case;
        var caseId = epaCase.Id;
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CaseId == caseId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(AuditTrailLength)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.ActorId, a.Action, a.CaseId, a.FromState, a.ToState, a.Reason, a.Details))
            .ToListAsync(cancellationToken);
        var facts = snapshot.Facts;
        var apprentice = snapshot.Apprentice;
        var assessorName = epaCase.AssessorId is null ? null : snapshot.AssessorName;

        var moves = workflow.AvailableTransitions(epaCase, commands.Actor, facts)
            .Select(target => new AvailableMove(target, MoveLabel(epaCase.State, target), MoveUrl(caseId, target)))
            .ToList();

        var project = facts.Project;
        var dates = new List<(string, string)> { ("Registered", UkTime.DateTime(epaCase.CreatedAt)), ("In this state since", UkTime.DateTime(epaCase.StateChangedAt)) };
        AddDate(dates, "Gateway submitted", epaCase.GatewaySubmittedAt);
        AddDate(dates, "Gateway approved", epaCase.GatewayApprovedAt);
        var deadline = Scheduling.EpaDeadlines.Assess(epaCase.GatewayApprovedAt, epaCase.ResultReleasedAt, facts.StandardVersion.Settings.EpaPeriodMonths, facts.BankHolidays, clock);
        if (deadline.Deadline is { } due)
        {
            dates.Add(("EPA deadline", $"{UkTime.Date(due)} ({deadline.Label}{(deadline.GatewayToResultWorkingDays is { } taken ? $"; gateway to result {taken} working days" : null)})"));
        }

        if (project is not null)
        {
            dates.Add(("Project window", $"{UkTime.DateTime(project.WindowOpensAt)} to {UkTime.DateTime(project.WindowClosesAt)}"));
            if (project.ExtendedUntil is { } extended)
            {
                dates.Add(("Project extended until", $"{UkTime.DateTime(extended)} ({project.ExtensionReason})"));
            }

            if (project.ScheduleOverrideReason is { } projectOverride)
            {
                dates.Add(("Project scheduled against the timing rules", projectOverride));
            }

            AddDate(dates, "Project submitted by the apprentice", project.SubmittedAt);
        }

        if (facts.Interview is { } interview)
        {
            dates.Add(("Interview", $"{UkTime.DateTime(interview.StartsAt)}, {interview.DurationMinutes} minutes"));
            if (interview.ScheduleOverrideReason is { } interviewOverride)
            {
                dates.Add(("Interview booked against the timing rules", interviewOverride));
            }
        }

        AddDate(dates, "Result released", epaCase.ResultReleasedAt);
        AddDate(dates, "Appeals accepted until", epaCase.AppealDeadline);
        AddDate(dates, "Certificate requested", epaCase.CertificateRequestedAt);

        var canExtend = project is not null && project.SubmittedAt is null && !epaCase.IsOnHold
            && epaCase.State is CaseState.ProjectScheduled or CaseState.ProjectInProgress or CaseState.ProjectSubmitted;
        return new CaseDetailViewModel(
            epaCase.Id, epaCase.State, epaCase.IsOnHold, epaCase.HoldReason, epaCase.Attempt, epaCase.AttemptKind,
            apprentice.Id, apprentice.FullName, apprentice.Uln, apprentice.Email, apprentice.UserId is not null, apprentice.StartDate, apprentice.ReasonableAdjustments,
            apprentice.OrganisationId, snapshot.OrganisationName, DisplayNames.Of(facts.StandardVersion), assessorName,
            dates, facts.Gateway is not null, canExtend, CaseWorkflow.IsTerminal(epaCase.State), moves, audit);
    }

    public async Task<IReadOnlyList<VersionOption>> ActiveVersionsAsync(CancellationToken cancellationToken) =>
        await db.StandardVersions.AsNoTracking().Where(v => v.IsActive)
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new VersionOption(v.Id, v.Standard!.Reference + " " + v.Standard.Title + ", version " + v.Version))
            .ToListAsync(cancellationToken);

    /// <summary>The training providers a case can name (organisations with a UKPRN), by name.</summary>
    public async Task<IReadOnlyList<ProviderOption>> ProvidersAsync(CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().Where(o => o.Ukprn != null).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.Ukprn }).ToListAsync(cancellationToken))
        .Where(o => Domain.Identifiers.Ukprn.IsValid(o.Ukprn))
        .Select(o => new ProviderOption(o.Id, $"{o.Name} (UKPRN {o.Ukprn})"))
        .ToList();

    /// <summary>
    /// Registers a case for the apprentice with this ULN (CaseWorkflow.Register), then asks the employer
    /// for the reference. One transaction: the case, its audit entry and the e-mail are saved together.
    /// </summary>
    public async Task<(int? CaseId, IReadOnlyList<string> Problems)> RegisterAsync(CreateCaseInput input, CancellationToken cancellationToken, bool transaction = true)
    {
        var uln = input.Uln!.Trim();
        var apprentice = await db.Apprentices.SingleOrDefaultAsync(a => a.Uln == uln, cancellationToken);
        var version = await db.StandardVersions.Include(v => v.Standard).SingleOrDefaultAsync(v => v.Id == input.StandardVersionId, cancellationToken);
        if (apprentice is null || version is null)
        {
            return (null, [apprentice is null ? $"No apprentice has the ULN {uln}: add the apprentice first." : "Choose a standard version from the list."]);
        }

        var open = await db.Cases.AsNoTracking()
            .Where(c => c.ApprenticeId == apprentice.Id && c.StandardVersion!.StandardId == version.StandardId)
            .Select(c => new { c.Id, c.State }).ToListAsync(cancellationToken);
        if (open.FirstOrDefault(c => !CaseWorkflow.IsTerminal(c.State)) is { } existing)
        {
            return (null, [$"{apprentice.FullName} already has an open case (number {existing.Id}) on {version.Standard!.Reference}: a re-sit or re-take continues that case."]);
        }

        ProviderBooking? provider = null;
        if (input.ProviderOrganisationId is { } providerId)
        {
            var ukprn = await db.Organisations.AsNoTracking().Where(o => o.Id == providerId).Select(o => new { o.Ukprn }).SingleOrDefaultAsync(cancellationToken);
            if (ukprn is null || !Domain.Identifiers.Ukprn.IsValid(ukprn.Ukprn))
            {
                return (null, ["Choose the training provider from the list (an organisation with a UKPRN)."]);
            }

            provider = new ProviderBooking(providerId, WorksWithEmployer: true, PlannedGatewayDate: null);
        }

        var outcome = workflow.Register(apprentice, version, user.ToActor(), identifiers.Value.EnforceUlnChecksum, provider);
        if (!outcome.Succeeded)
        {
            return (null, outcome.Problems);
        }

        // A caller that already holds a transaction (adding the apprentice and the case together) commits it.
        var epaCase = outcome.Case!;
        await using var own = transaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.Cases.Add(epaCase);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add((outcome.Audit! with { CaseId = epaCase.Id }).ToAuditEntry());
        await notifier.ReferenceRequestedAsync(epaCase.Id, cancellationToken);
        if (epaCase.ProviderOrganisationId is not null)
        {
            await notifier.GatewayCoSignRequestedAsync(epaCase.Id, cancellationToken);
        }
        await webhooks.QueueAsync(epaCase.Id, Api.Webhooks.WebhookEvents.RegistrationAccepted, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return (epaCase.Id, []);
    }

    public Task<CommandResult> ActAsync(CaseSnapshot snapshot, CaseAction action, string reason, CancellationToken cancellationToken) => action switch
    {
        CaseAction.Withdraw => commands.TransitionAsync(snapshot, CaseState.Withdrawn, reason, cancellationToken: cancellationToken),
        CaseAction.Hold => commands.SaveAsync(workflow.PutOnHold(snapshot.Case, commands.Actor, snapshot.Facts.Parties, reason), cancellationToken),
        _ => commands.SaveAsync(workflow.Resume(snapshot.Case, commands.Actor, snapshot.Facts.Parties, reason), cancellationToken),
    };

    public async Task<ExtensionViewModel?> ExtensionPageAsync(int caseId, ExtensionInput input, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                Name = c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName,
                Project = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt)
                    .Select(p => new { p.WindowOpensAt, p.WindowClosesAt, p.ExtendedUntil, p.ExtensionReason }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row?.Project is not { } project)
        {
            return null;
        }

        return new ExtensionViewModel(caseId, row.Name, project.WindowOpensAt, project.WindowClosesAt, project.ExtendedUntil, project.ExtensionReason, input, problems);
    }

    /// <summary>Grants the extension (CaseWorkflow.GrantProjectExtension) and tells the apprentice and
    /// employer the new closing time, in one save.</summary>
    public Task<CommandResult> GrantExtensionAsync(CaseSnapshot snapshot, ExtensionInput input, CancellationToken cancellationToken)
    {
        var local = input.UntilDate!.Value.ToDateTime(input.UntilTime!.Value);
        var until = new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local));
        return commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var outcome = workflow.GrantProjectExtension(epaCase, commands.Actor, facts, until, input.Reason);
            if (outcome.Succeeded)
            {
                await notifier.ProjectWindowOpeningAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);
    }

    private static void AddDate(List<(string, string)> dates, string label, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            dates.Add((label, UkTime.DateTime(at)));
        }
    }

    private static string MoveLabel(CaseState from, CaseState target) => target switch
    {
        CaseState.Withdrawn => "Withdraw the case",
        CaseState.GatewayApproved => "Approve the gateway",
        CaseState.GatewayRejected => "Reject the gateway",
        _ when from == CaseState.Graded && target is CaseState.PreInterviewReview or CaseState.InterviewCompleted => $"Return the grade to '{DisplayNames.Of(target)}'",
        _ => $"Move to '{DisplayNames.Of(target)}'",
    };

    private static string? MoveUrl(int caseId, CaseState target) => target switch
    {
        CaseState.Withdrawn => $"/admin/cases/{caseId}/withdraw",
        CaseState.GatewayApproved or CaseState.GatewayRejected => $"/admin/cases/{caseId}/gateway",
        CaseState.AppealUpheld or CaseState.AppealRejected => $"/admin/cases/{caseId}/appeal",
        _ => null,
    };
}

