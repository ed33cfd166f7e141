using System.Linq.Expressions;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Employer;

/// <summary>
/// The employer's view of their organisation's cases: the dashboard, the case page, the portfolio
/// confirmation and the apprentice's entry requirements. The controllers authorize every page and action on
/// the case first (Security/CaseAuthorizer); changes to the case are the case workflow's.
/// </summary>
public sealed class EmployerService(
    PortalDbContext db,
    CurrentUser currentUser,
    TimeProvider clock,
    CaseCommands commands,
    CaseWorkflow workflow,
    AuditLog audit)
{
    public const int PageSize = 25;

    /// <summary>The order of the closed cases: most recently closed first (index IX_Cases_Closed_Organisation).</summary>
    private static readonly KeysetOrder<EpaCase, DateTimeOffset, int> ClosedOrder = new("closed", c => c.StateChangedAt, c => c.Id, descending: true);

    /// <summary>
    /// The organisation's open cases (<see cref="OpenWork"/>), those waiting on the employer first, then by
    /// name, paged by number; or on request its closed cases, most recently closed first, a keyset page at a
    /// time. Both are read from indexes of open or closed cases by organisation, so the page costs what the
    /// open work costs however many apprentices finished over the years.
    /// </summary>
    public async Task<EmployerDashboardViewModel> DashboardAsync(EmployerDashboardQuery query, CancellationToken cancellationToken)
    {
        var organisationId = currentUser.OrganisationId;
        var closed = query.IsClosedList;
        if (organisationId is null)
        {
            return new EmployerDashboardViewModel(null, [], 1, 1, 0) { Show = query.Show };
        }

        var organisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking().Where(c => c.OrganisationId == organisationId);
        List<CaseRow> rows;
        KeysetPage<CaseRow>? history = null;
        int? total = null;
        var page = 1;
        var pageCount = 1;
        if (closed)
        {
            history = await ClosedOrder.PageAsync(cases.WhereClosed(), new PageRequest(query.After, query.Before), PageSize, SnapshotOf, r => r.StateChangedAt, r => r.Snapshot.CaseId, cancellationToken);
            rows = [.. history.Items];
        }
        else
        {
            var open = cases.WhereOpen();
            total = await open.CountAsync(cancellationToken);
            pageCount = Math.Max(1, (total.Value + PageSize - 1) / PageSize);
            page = Math.Clamp(query.Page, 1, pageCount);
            rows = await open
                .OrderByDescending(c => (c.State == CaseState.Registered || c.State == CaseState.GatewayRejected) && !c.IsOnHold)
                .ThenBy(c => c.Apprentice!.FamilyName).ThenBy(c => c.Apprentice!.GivenNames).ThenBy(c => c.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(SnapshotOf)
                .ToListAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        var actor = currentUser.ToActor();
        var list = new List<EmployerCaseRow>();
        foreach (var row in rows)
        {
            // The list query and the domain agree on who an employer's apprentices are; the domain has the last word.
            var relation = CaseRelations.Of(actor, row.AssessorId, new CaseParties(row.ApprenticeUserId, row.OrganisationId, row.OrganisationName));
            var view = CaseVisibility.For(relation, new VisibilityContext(row.Snapshot.State, row.Snapshot.WindowOpensAt <= now, row.Snapshot.ReferenceStatus == ReferenceStatus.Submitted, row.ResultReleased));
            if (!CasePermissions.Allows(CaseOperation.ActAsEmployer, relation, view))
            {
                continue;
            }

            list.Add(new EmployerCaseRow(
                row.Snapshot.CaseId,
                $"{row.GivenNames} {row.FamilyName}",
                row.Uln,
                DisplayNames.StandardVersion(row.StandardReference, row.StandardVersion),
                DisplayNames.Of(row.Snapshot.State),
                row.Snapshot.IsOnHold,
                CaseAgenda.Waiting(row.Snapshot),
                CaseAgenda.Deadlines(row.Snapshot, view, now)));
        }

        return new EmployerDashboardViewModel(organisationName, list, page, pageCount, total)
        {
            Show = closed ? EmployerDashboardQuery.Closed : null,
            Previous = history?.Previous,
            Next = history?.Next,
            Problem = history?.Problem,
        };
    }

    /// <summary>The employer's page of one case, in one command besides the case's access row.</summary>
    public async Task<EmployerCaseViewModel> CaseAsync(CaseAccessInfo info, CancellationToken cancellationToken)
    {
        var (caseId, attempt) = (info.CaseId, info.Attempt);
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(SnapshotOf).SingleAsync(cancellationToken);
        var page = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                Extra = new
                {
                    c.PortfolioConfirmedByName,
                    c.PortfolioConfirmedByJobTitle,
                    c.PortfolioReturnReason,
                    c.AppealDeadline,
                    ReferenceSubmittedAt = db.EmployerReferences.Where(r => r.CaseId == c.Id).Select(r => r.SubmittedAt).FirstOrDefault(),
                    Items = db.EvidenceItems.Count(e => e.CaseId == c.Id && e.RemovedAt == null),
                },
                Qualifications = c.Apprentice!.EntryQualifications
                    .Select(q => new { q.Id, q.Kind, q.Subject, q.Grade, q.AchievedOn })
                    .ToList(),

                // Released decisions only: an unreleased grade is never loaded for the employer.
                Result = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.CaseId == caseId && g.Attempt == attempt && g.ReleasedAt != null)
                    .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id)
                    .FirstOrDefault(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        var latestGateway = await db.GatewaySubmissions.AsNoTracking()
            .Where(g => g.CaseId == caseId)
            .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
            .Select(g => new { g.SubmittedAt, g.ReviewedAt, Reviews = g.Reviews.Select(r => new { r.Item, r.Decision, r.Reason }).ToList() })
            .FirstOrDefaultAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var extra = page.Extra;
        var snapshot = row.Snapshot;
        var portfolio = new PortfolioSummary(
            extra.Items,
            snapshot.PortfolioSubmittedAt is { } submitted ? UkTime.DateTime(submitted) : null,
            snapshot.PortfolioConfirmedAt is { } confirmed ? UkTime.DateTime(confirmed) : null,
            extra.PortfolioConfirmedByName is null ? null : $"{extra.PortfolioConfirmedByName}, {extra.PortfolioConfirmedByJobTitle}",
            extra.PortfolioReturnReason,
            IsAwaitingEmployer(snapshot));
        var reference = new ReferenceSummary(
            snapshot.ReferenceStatus switch
            {
                ReferenceStatus.Submitted => "Submitted",
                ReferenceStatus.Draft => "Draft saved, not submitted",
                _ => "Not started",
            },
            extra.ReferenceSubmittedAt is { } referenceSubmitted && snapshot.ReferenceStatus == ReferenceStatus.Submitted ? UkTime.DateTime(referenceSubmitted) : null);

        GatewaySummary? gateway = null;
        if (latestGateway is { } latest)
        {
            // Decisions are shown once the admin has finished the review; until then every item is pending.
            var items = Enum.GetValues<GatewayItem>()
                .Select(item =>
                {
                    var review = latest.ReviewedAt is null ? null : latest.Reviews.FirstOrDefault(r => r.Item == item);
                    return new GatewayItemOutcome(item, DisplayNames.Of(item), review?.Decision ?? GatewayItemDecision.Pending, review?.Reason);
                })
                .ToList();
            gateway = new GatewaySummary(UkTime.DateTime(latest.SubmittedAt), latest.ReviewedAt is { } reviewed ? UkTime.DateTime(reviewed) : null, items);
        }

        var result = info.Allows(CaseOperation.ReadResult) && page.Result is { } decision && CaseVisibility.CanSeeGradeDecision(info.Relation, decision)
            ? new ReleasedResult(decision.ReleasedGrade.ToString(), decision.Feedback, UkTime.DateTime(decision.ReleasedAt!.Value), extra.AppealDeadline is { } d ? UkTime.DateTime(d) : null)
            : null;

        return new EmployerCaseViewModel(
            Header(info, row),
            CaseAgenda.Waiting(snapshot),
            CaseAgenda.Deadlines(snapshot, info.View, now),
            portfolio,
            reference,
            gateway,
            Rows(page.Qualifications.Select(q => (q.Id, q.Kind, q.Subject, q.Grade, q.AchievedOn))),
            result);
    }

    public async Task<EmployerPortfolioViewModel> PortfolioAsync(CaseAccessInfo info, PortfolioConfirmInput? confirm, PortfolioReturnInput? giveBack, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var model = await CaseAsync(info, cancellationToken);
        return new EmployerPortfolioViewModel
        {
            Header = model.Header,
            Portfolio = model.Portfolio,
            Today = UkTime.Date(clock.GetUtcNow()),
            Problems = problems,
            Confirm = confirm ?? new PortfolioConfirmInput { Name = currentUser.DisplayName },
            Return = giveBack ?? new PortfolioReturnInput(),
        };
    }

    public Task<CommandResult> ConfirmPortfolioAsync(Cases.CaseSnapshot snapshot, PortfolioConfirmInput input, CancellationToken cancellationToken) =>
        commands.SaveAsync(workflow.ConfirmPortfolio(snapshot.Case, commands.Actor, snapshot.Facts.Parties, input.Name, input.JobTitle), cancellationToken);

    public Task<CommandResult> ReturnPortfolioAsync(Cases.CaseSnapshot snapshot, PortfolioReturnInput input, CancellationToken cancellationToken) =>
        commands.SaveAsync(workflow.ReturnPortfolio(snapshot.Case, commands.Actor, snapshot.Facts.Parties, input.Reason), cancellationToken);

    public async Task<EntryRequirementsViewModel> EntryRequirementsAsync(CaseAccessInfo info, EntryQualificationInput? input, CancellationToken cancellationToken)
    {
        var caseId = info.CaseId;
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(SnapshotOf).SingleAsync(cancellationToken);
        var qualifications = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).SelectMany(c => c.Apprentice!.EntryQualifications)
            .Select(q => new { q.Id, q.Kind, q.Subject, q.Grade, q.AchievedOn })
            .ToListAsync(cancellationToken);
        return new EntryRequirementsViewModel
        {
            Header = Header(info, row),
            Qualifications = Rows(qualifications.Select(q => (q.Id, q.Kind, q.Subject, q.Grade, q.AchievedOn))),
            Input = input ?? new EntryQualificationInput(),
        };
    }

    public async Task AddEntryQualificationAsync(int caseId, EntryQualificationInput input, CancellationToken cancellationToken)
    {
        var apprentice = await ApprenticeOfAsync(caseId, cancellationToken);
        var added = apprentice.AddEntryQualification(input.Kind!.Trim(), input.Subject!.Trim(), string.IsNullOrWhiteSpace(input.Grade) ? null : input.Grade.Trim(), input.AchievedOn);
        audit.Add("EntryQualificationAdded", caseId, Describe(added));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes one of the apprentice's entry requirements; false if the apprentice has no such entry.</summary>
    public async Task<bool> RemoveEntryQualificationAsync(int caseId, int qualificationId, CancellationToken cancellationToken)
    {
        var apprentice = await ApprenticeOfAsync(caseId, cancellationToken);
        var qualification = apprentice.EntryQualifications.FirstOrDefault(q => q.Id == qualificationId);
        if (qualification is null)
        {
            return false;
        }

        apprentice.RemoveEntryQualification(qualification);
        audit.Add("EntryQualificationRemoved", caseId, Describe(qualification));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static bool IsAwaitingEmployer(AgendaFacts c) =>
        !c.IsOnHold && CaseAgenda.IsBeforeGateway(c.State) && c.PortfolioSubmittedAt is not null && c.PortfolioConfirmedAt is null;

    private static EmployerCaseHeader Header(CaseAccessInfo info, CaseRow row) =>
        new(info.CaseId, info.ApprenticeName, info.Uln, info.OrganisationName, DisplayNames.StandardVersion(row.StandardReference, row.StandardVersion), info.State, info.IsOnHold);

    private static List<EntryQualificationRow> Rows(IEnumerable<(int Id, string Kind, string Subject, string? Grade, DateOnly? AchievedOn)> qualifications) =>
        qualifications.OrderBy(q => q.Kind).ThenBy(q => q.Subject).ThenBy(q => q.Id)
            .Select(q => new EntryQualificationRow(q.Id, q.Kind, q.Subject, q.Grade, q.AchievedOn is { } on ? UkTime.Date(on) : null))
            .ToList();

    private Task<Domain.Organisations.Apprentice> ApprenticeOfAsync(int caseId, CancellationToken cancellationToken) =>
        db.Apprentices.Include(a => a.EntryQualifications).SingleAsync(a => db.Cases.Any(c => c.Id == caseId && c.ApprenticeId == a.Id), cancellationToken);

    private static string Describe(Domain.Organisations.EntryQualification q) =>
        $"{q.Kind}: {q.Subject}{(q.Grade is null ? string.Empty : $", {q.Grade}")}{(q.AchievedOn is { } on ? $", {UkTime.Date(on)}" : string.Empty)}";

    private Expression<Func<EpaCase, CaseRow>> SnapshotOf =>
        c => new CaseRow
        {
            Snapshot = new AgendaFacts(
                c.Id,
                c.State,
                c.IsOnHold,
                c.PortfolioSubmittedAt,
                c.PortfolioConfirmedAt,
                db.EmployerReferences.Where(r => r.CaseId == c.Id).Select(r => (ReferenceStatus?)r.Status).FirstOrDefault(),
                c.Apprentice!.StartDate,
                c.StandardVersion!.Settings.MinimumMonthsOnProgramme,
                db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => (DateTimeOffset?)p.WindowOpensAt).FirstOrDefault(),
                db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => (DateTimeOffset?)p.WindowClosesAt).FirstOrDefault(),
                db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => p.ExtendedUntil).FirstOrDefault(),
                db.Interviews.Where(i => i.CaseId == c.Id && i.Attempt == c.Attempt).Select(i => (DateTimeOffset?)i.StartsAt).FirstOrDefault(),
                c.AppealDeadline),
            AssessorId = c.AssessorId,
            ApprenticeUserId = c.Apprentice.UserId,
            GivenNames = c.Apprentice.GivenNames,
            FamilyName = c.Apprentice.FamilyName,
            Uln = c.Apprentice.Uln,
            OrganisationId = c.Apprentice.OrganisationId,
            OrganisationName = c.Apprentice.Organisation!.Name,
            StandardReference = c.StandardVersion.Standard!.Reference,
            StandardVersion = c.StandardVersion.Version,
            ResultReleased = c.ResultReleasedAt != null,
            StateChangedAt = c.StateChangedAt,
        };

    private sealed class CaseRow
    {
        public required AgendaFacts Snapshot { get; init; }

        public string? AssessorId { get; init; }

        public string? ApprenticeUserId { get; init; }

        public required string GivenNames { get; init; }

        public required string FamilyName { get; init; }

        public required string Uln { get; init; }

        public int OrganisationId { get; init; }

        public required string OrganisationName { get; init; }

        public required string StandardReference { get; init; }

        public required string StandardVersion { get; init; }

        public bool ResultReleased { get; init; }

        public DateTimeOffset StateChangedAt { get; init; }
    }
}
