using System.Linq.Expressions;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// One case as the resource of every authorization decision about it, with the few facts its pages put at
/// the top (who, where it stands, the current attempt's dates): everything the domain's access rule reads
/// (the parties, the allocated assessor, the facts that change what the apprentice and employer see), and
/// the signed-in user's <see cref="Relation"/> and <see cref="View"/> worked out from them.
/// </summary>
public sealed record CaseAccessInfo(
    int CaseId,
    CaseState State,
    int Attempt,
    AttemptKind AttemptKind,
    bool IsOnHold,
    string? HoldReason,
    string? AssessorId,
    CaseParties Parties,
    string ApprenticeName,
    string Uln,
    int StandardVersionId,
    string StandardCode,
    VisibilityContext Visibility,
    DateTimeOffset? WindowOpensAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? InterviewStartsAt,
    string? QaReturnReason,
    DateTimeOffset? QaReturnedAt,
    CaseRelation Relation,
    CaseView View)
{
    public string? ApprenticeUserId => Parties.ApprenticeUserId;

    public int OrganisationId => Parties.ApprenticeOrganisationId;

    public string OrganisationName => Parties.ApprenticeOrganisationName;

    /// <summary>The apprentice's nation: whose bank holidays the case's working days skip.</summary>
    public UkNation Nation { get; init; } = UkNation.EnglandAndWales;

    /// <summary>The end-point assessment's deadline (gateway approval plus the plan's EPA period), null before the gateway.</summary>
    public Domain.Scheduling.EpaDeadline? Deadline { get; init; }

    /// <summary>What the case's approved reasonable adjustments add to the plan's timings.</summary>
    public Domain.Adjustments.ScheduleAdjustment Adjustment { get; init; } = Domain.Adjustments.ScheduleAdjustment.None;

    /// <summary>Whether the signed-in user may do <paramref name="operation"/> (the domain's rule; pages use it to show or hide actions).</summary>
    public bool Allows(CaseOperation operation) => CasePermissions.Allows(operation, Relation, View);

    /// <summary>The allocated assessor may change the assessment while the case is not on hold.</summary>
    public bool CanEdit => Allows(CaseOperation.Assess) && !IsOnHold;

    /// <summary>Quality assurance returned this attempt's grade and the case is back with the assessor.</summary>
    public bool IsReturnedByQa => QaReturnReason is not null && State is CaseState.PreInterviewReview or CaseState.InterviewCompleted;

    /// <summary>What <paramref name="actor"/> is to this case and may see of it (the domain decides).</summary>
    public (CaseRelation Relation, CaseView View) For(Actor actor)
    {
        var relation = CaseRelations.Of(actor, AssessorId, Parties);
        return (relation, CaseVisibility.For(relation, Visibility));
    }
}

/// <summary>
/// Loads <see cref="CaseAccessInfo"/>: one compiled query by case id, or by the signed-in apprentice (whose
/// pages carry no case id). Controllers authorize on it (<see cref="Security.CaseAuthorizer"/>) before anything else.
/// </summary>
public sealed class CaseAccess(PortalDbContext db, CurrentUser currentUser, TimeProvider clock, Scheduling.BankHolidaySource holidays)
{
    public async Task<CaseAccessInfo?> LoadAsync(int caseId, CancellationToken cancellationToken = default) =>
        ToInfo(await ByCase(db, caseId, cancellationToken));

    /// <summary>The signed-in apprentice's current case (the latest registered), or null.</summary>
    public async Task<CaseAccessInfo?> LoadOwnAsync(CancellationToken cancellationToken = default) =>
        ToInfo(await ByApprentice(db, currentUser.Id, cancellationToken));

    /// <summary>The same resource read from a case's facts already loaded (a command or a page that needs them): no query.</summary>
    public CaseAccessInfo From(CaseSnapshot snapshot)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var project = facts.Project is { } p && p.Attempt == epaCase.Attempt ? p : null;
        var latest = facts.GradeDecision;
        return Create(
            epaCase.Id, epaCase.State, epaCase.Attempt, epaCase.AttemptKind, epaCase.IsOnHold, epaCase.HoldReason, epaCase.AssessorId, facts.Parties,
            snapshot.Apprentice.FullName, snapshot.Apprentice.Uln, epaCase.StandardVersionId, DisplayNames.StandardVersion(facts.StandardVersion.Standard?.Reference ?? string.Empty, facts.StandardVersion.Version),
            project?.WindowOpensAt, project?.WindowClosesAt, project?.ExtendedUntil,
            facts.Interview is { } interview && interview.Attempt == epaCase.Attempt ? interview.StartsAt : null,
            facts.EmployerReferenceSubmitted, epaCase.ResultReleasedAt,
            latest?.QaStatus, latest?.QaReturnReason, latest?.QaAt,
            snapshot.Apprentice.Nation, epaCase.GatewayApprovedAt, facts.StandardVersion.Settings.EpaPeriodMonths) with { Adjustment = facts.Adjustment };
    }

    private CaseAccessInfo? ToInfo(AccessRow? row) => row is null ? null : CreateFrom(row) with { Adjustment = new Domain.Adjustments.ScheduleAdjustment(row.ExtraProjectWorkingDays, row.ExtraInterviewMinutes) };

    private CaseAccessInfo CreateFrom(AccessRow row) => Create(
        row.Id, row.State, row.Attempt, row.AttemptKind, row.IsOnHold, row.HoldReason, row.AssessorId,
        new CaseParties(row.ApprenticeUserId, row.OrganisationId, row.OrganisationName, row.ProviderOrganisationId),
        $"{row.GivenNames} {row.FamilyName}", row.Uln, row.StandardVersionId, DisplayNames.StandardVersion(row.StandardReference, row.StandardVersion),
        row.WindowOpensAt, row.WindowClosesAt, row.WindowExtendedUntil, row.InterviewStartsAt, row.ReferenceSubmitted, row.ResultReleasedAt,
        row.LatestQaStatus, row.LatestQaReturnReason, row.LatestQaAt,
        row.Nation, row.GatewayApprovedAt, row.EpaPeriodMonths);

    private CaseAccessInfo Create(
        int caseId, CaseState state, int attempt, AttemptKind attemptKind, bool onHold, string? holdReason, string? assessorId, CaseParties parties,
        string apprenticeName, string uln, int standardVersionId, string standardCode,
        DateTimeOffset? windowOpensAt, DateTimeOffset? windowClosesAt, DateTimeOffset? windowExtendedUntil, DateTimeOffset? interviewStartsAt,
        bool referenceSubmitted, DateTimeOffset? resultReleasedAt, QaStatus? latestQaStatus, string? latestQaReturnReason, DateTimeOffset? latestQaAt,
        UkNation nation, DateTimeOffset? gatewayApprovedAt, int epaPeriodMonths)
    {
        var now = clock.GetUtcNow();
        var visibility = new VisibilityContext(state, windowOpensAt is { } opens && now >= opens, referenceSubmitted, resultReleasedAt is not null);
        var returned = latestQaStatus == QaStatus.Returned;
        var info = new CaseAccessInfo(
            caseId, state, attempt, attemptKind, onHold, holdReason, assessorId, parties, apprenticeName, uln, standardVersionId, standardCode, visibility,
            windowOpensAt, windowExtendedUntil is { } extended && extended > windowClosesAt ? extended : windowClosesAt, interviewStartsAt,
            returned ? latestQaReturnReason : null, returned ? latestQaAt : null,
            CaseRelation.None, CaseView.Nothing);
        var (relation, view) = info.For(currentUser.ToActor());
        return info with
        {
            Relation = relation,
            View = view,
            Nation = nation,
            Deadline = gatewayApprovedAt is null ? null : Scheduling.EpaDeadlines.Assess(gatewayApprovedAt, resultReleasedAt, epaPeriodMonths, holidays.For(nation), clock),
        };
    }

    /// <summary>What every access decision and case header reads, in one command.</summary>
    private static readonly Expression<Func<PortalDbContext, IQueryable<EpaCase>, AccessRow?>> Shape = (db, cases) =>
        cases.Select(c => new AccessRow
        {
            Id = c.Id,
            State = c.State,
            Attempt = c.Attempt,
            AttemptKind = c.AttemptKind,
            IsOnHold = c.IsOnHold,
            HoldReason = c.HoldReason,
            AssessorId = c.AssessorId,
            ResultReleasedAt = c.ResultReleasedAt,
            GatewayApprovedAt = c.GatewayApprovedAt,
            EpaPeriodMonths = c.StandardVersion!.Settings.EpaPeriodMonths,
            Nation = c.Apprentice!.Nation,
            StandardVersionId = c.StandardVersionId,
            StandardReference = c.StandardVersion!.Standard!.Reference,
            StandardVersion = c.StandardVersion.Version,
            ApprenticeUserId = c.Apprentice!.UserId,
            GivenNames = c.Apprentice.GivenNames,
            FamilyName = c.Apprentice.FamilyName,
            Uln = c.Apprentice.Uln,
            OrganisationId = c.Apprentice.OrganisationId,
            OrganisationName = c.Apprentice.Organisation!.Name,
            ProviderOrganisationId = c.ProviderOrganisationId,
            WindowOpensAt = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => (DateTimeOffset?)p.WindowOpensAt).FirstOrDefault(),
            WindowClosesAt = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => (DateTimeOffset?)p.WindowClosesAt).FirstOrDefault(),
            WindowExtendedUntil = db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => p.ExtendedUntil).FirstOrDefault(),
            InterviewStartsAt = db.Interviews.Where(i => i.CaseId == c.Id && i.Attempt == c.Attempt).Select(i => (DateTimeOffset?)i.StartsAt).FirstOrDefault(),
            ReferenceSubmitted = db.EmployerReferences.Any(r => r.CaseId == c.Id && r.Status == ReferenceStatus.Submitted),
            LatestQaStatus = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.Attempt == c.Attempt)
                .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id).Select(g => (QaStatus?)g.QaStatus).FirstOrDefault(),
            LatestQaReturnReason = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.Attempt == c.Attempt)
                .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id).Select(g => g.QaReturnReason).FirstOrDefault(),
            LatestQaAt = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.Attempt == c.Attempt)
                .OrderByDescending(g => g.DecidedAt).ThenByDescending(g => g.Id).Select(g => g.QaAt).FirstOrDefault(),
            ExtraProjectWorkingDays = db.ReasonableAdjustments.Where(a => a.CaseId == c.Id && a.Status == Domain.Adjustments.AdjustmentStatus.Approved).Sum(a => a.ExtraProjectWorkingDays),
            ExtraInterviewMinutes = db.ReasonableAdjustments.Where(a => a.CaseId == c.Id && a.Status == Domain.Adjustments.AdjustmentStatus.Approved).Sum(a => a.ExtraInterviewMinutes),
        })
        .FirstOrDefault();

    // Compiled once: every case page and form starts with one of them.
    private static readonly Func<PortalDbContext, int, CancellationToken, Task<AccessRow?>> ByCase =
        CompiledShapes.Compile(Shape, (PortalDbContext db, int caseId) => db.Cases.AsNoTracking().Where(c => c.Id == caseId));

    private static readonly Func<PortalDbContext, string, CancellationToken, Task<AccessRow?>> ByApprentice =
        CompiledShapes.Compile(Shape, (PortalDbContext db, string userId) => db.Cases.AsNoTracking()
            .Where(c => c.Apprentice!.UserId == userId)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id));

    private sealed class AccessRow
    {
        public int Id { get; init; }

        public CaseState State { get; init; }

        public int Attempt { get; init; }

        public AttemptKind AttemptKind { get; init; }

        public bool IsOnHold { get; init; }

        public string? HoldReason { get; init; }

        public string? AssessorId { get; init; }

        public DateTimeOffset? ResultReleasedAt { get; init; }

        public DateTimeOffset? GatewayApprovedAt { get; init; }

        public int EpaPeriodMonths { get; init; }

        public int ExtraProjectWorkingDays { get; init; }

        public int ExtraInterviewMinutes { get; init; }

        public UkNation Nation { get; init; }

        public int StandardVersionId { get; init; }

        public required string StandardReference { get; init; }

        public required string StandardVersion { get; init; }

        public string? ApprenticeUserId { get; init; }

        public required string GivenNames { get; init; }

        public required string FamilyName { get; init; }

        public required string Uln { get; init; }

        public int OrganisationId { get; init; }

        public required string OrganisationName { get; init; }

        public int? ProviderOrganisationId { get; init; }

        public DateTimeOffset? WindowOpensAt { get; init; }

        public DateTimeOffset? WindowClosesAt { get; init; }

        public DateTimeOffset? WindowExtendedUntil { get; init; }

        public DateTimeOffset? InterviewStartsAt { get; init; }

        public bool ReferenceSubmitted { get; init; }

        public QaStatus? LatestQaStatus { get; init; }

        public string? LatestQaReturnReason { get; init; }

        public DateTimeOffset? LatestQaAt { get; init; }
    }
}
