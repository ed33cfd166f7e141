using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Identifiers;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Results;

/// <summary>
/// The admin's side of results: releasing approved results (one or many, approving grades that were not
/// sampled for QA on the way), recording fails, requesting certificates, planning re-sits and re-takes,
/// and recording exceptional circumstances. Every move goes through the case workflow.
/// </summary>
public sealed class ResultsAdminService(
    PortalDbContext db,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    AuditLog audit)
{
    public const int PageSize = 50;

    /// <summary>The reason written in the audit log when a grade not sampled for QA is approved on release.</summary>
    public const string NotSampledReason = "Not sampled for quality assurance: approved on release.";

    private static readonly CaseState[] ReleasedStates =
    [
        CaseState.ResultReleased, CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.AppealLodged,
        CaseState.AppealRejected, CaseState.ResitPlanned, CaseState.RetakePlanned, CaseState.Withdrawn,
    ];

    /// <summary>Released results are counted up to this many; beyond it the page says "more than".</summary>
    public const int CountLimit = 1000;

    /// <summary>
    /// The released results' sort (issue 21): by release time, latest first by default or earliest first, the
    /// decision's id the tie-break (index GradeDecisions.ReleasedAt, which carries the id).
    /// </summary>
    private static readonly ListSorts<ReleasedPair, ReleasedRow> ReleasedSorts = new ListSorts<ReleasedPair, ReleasedRow>()
        .Column("released", x => x.Decision.ReleasedAt!.Value, x => x.Decision.Id, r => r.ReleasedAt, r => r.DecisionId, defaultDescending: true);

    /// <summary>The released list's "Released" header for <paramref name="sort"/>: a link that turns the order round, and its aria-sort.</summary>
    public static SortHeader ReleasedHeader(string? sort, Func<string, string> url) =>
        ReleasedSorts.Header("Released", "released", ReleasedSorts.Resolve(sort), url);

    /// <summary>Whether the released list is latest first (the default) for <paramref name="sort"/>.</summary>
    public static bool LatestFirst(string? sort) => ReleasedSorts.Resolve(sort).Descending;

    /// <summary>
    /// The results page: what is ready to release (open work, all of it), and the released results a keyset
    /// page at a time, latest first, with a count that stops at <see cref="CountLimit"/>: the page costs the
    /// same whether the organisation has released a hundred results or a hundred thousand.
    /// </summary>
    public async Task<ResultsIndexViewModel> IndexAsync(PageRequest request, string? sort = null, CancellationToken cancellationToken = default)
    {
        var ready = await (
                from c in db.Cases.AsNoTracking()
                where !c.IsOnHold && (c.State == CaseState.IqaApproved || c.State == CaseState.Graded)
                join d in db.GradeDecisions.AsNoTracking() on new { CaseId = c.Id, c.Attempt } equals new { d.CaseId, d.Attempt }
                where d.ReleasedAt == null
                    && ((c.State == CaseState.IqaApproved && d.QaDecisionDate != null && (d.QaStatus == QaStatus.Approved || d.QaStatus == QaStatus.NotSampled))
                        || (c.State == CaseState.Graded && d.QaStatus == QaStatus.NotSampled && d.OverrideJustification == null))
                orderby d.DecidedAt, c.Id
                select new
                {
                    c.Id,
                    c.State,
                    c.Attempt,
                    c.AttemptKind,
                    c.Apprentice!.GivenNames,
                    c.Apprentice.FamilyName,
                    Organisation = c.Apprentice.Organisation!.Name,
                    c.StandardVersion!.Standard!.Reference,
                    c.StandardVersion.Version,
                    FinalGrade = d.ModeratedGrade ?? d.FinalGrade,
                    Moderated = d.ModeratedGrade != null,
                    d.QaStatus,
                    d.QaDecisionDate,
                    QaBy = db.Users.Where(u => u.Id == d.QaById).Select(u => u.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken);

        var awaitingQa = await (
                from c in db.Cases
                where c.State == CaseState.Graded
                join d in db.GradeDecisions on new { CaseId = c.Id, c.Attempt } equals new { d.CaseId, d.Attempt }
                where d.QaStatus == QaStatus.Pending
                select c.Id)
            .Distinct().CountAsync(cancellationToken);

        var releasedQuery = ReleasedQuery();
        var releasedCount = await releasedQuery.Take(CountLimit + 1).CountAsync(cancellationToken);
        var releasedPage = await ReleasedSorts.Resolve(sort).PageAsync(
            releasedQuery,
            request,
            PageSize,
            ReleasedSelect,
            cancellationToken);
        var released = releasedPage.Items;

        return new ResultsIndexViewModel(
            ready.Select(r => new ReleaseRow(
                r.Id,
                $"{r.GivenNames} {r.FamilyName}",
                r.Organisation,
                DisplayNames.StandardVersion(r.Reference, r.Version),
                AttemptText(r.Attempt, r.AttemptKind),
                r.FinalGrade.ToString(),
                r.FinalGrade == Grade.Fail,
                r.State == CaseState.Graded,
                r.State == CaseState.Graded
                    ? "Not sampled: approved on release"
                    : r.QaStatus == QaStatus.Approved ? $"{(r.Moderated ? "Moderated" : "Approved")} by {r.QaBy} on {UkTime.Date(r.QaDecisionDate!.Value)}" : $"Not sampled, approved on {UkTime.Date(r.QaDecisionDate!.Value)}"))
                .ToList(),
            awaitingQa,
            released.Select(ReleasedCaseRowOf).ToList(),
            releasedPage.Previous,
            releasedPage.Next,
            releasedCount,
            releasedPage.Problem)
        {
            Sort = sort,
        };
    }

    /// <summary>
    /// The released results the export leaves out (a ULN that fails the checksum), on request: it reads
    /// every released result, as the export itself does, so it is not part of the results page.
    /// </summary>
    public Task<IReadOnlyList<ExportProblem>> ExportCheckAsync(CancellationToken cancellationToken = default) => ExportProblemsAsync(cancellationToken);

    /// <summary>The released list in its sort (latest first unless <paramref name="sort"/> says otherwise), every
    /// row, for its CSV download (issue 21); the national service's export is <see cref="ResultsExport"/>.</summary>
    public async Task<IReadOnlyList<ReleasedCaseRow>> ReleasedExportAsync(string? sort, CancellationToken cancellationToken) =>
        (await ListExport.RowsAsync(ReleasedQuery(), ReleasedSorts.Resolve(sort), ReleasedSelect, cancellationToken)).Select(ReleasedCaseRowOf).ToList();

    public static readonly IReadOnlyList<string> ReleasedExportHeader = ["Case", "Apprentice", "Employer", "Attempt", "Grade", "Released", "Stage", "Certificate"];

    public static IReadOnlyList<string?> ReleasedExportCells(ReleasedCaseRow row) =>
        [row.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), row.ApprenticeName, row.OrganisationName, row.Attempt, row.Grade, row.ReleasedAt, row.State, row.CertificateStatus];

    // Each case's current result, released: the latest release of the case's current attempt.
    private IQueryable<ReleasedPair> ReleasedQuery() =>
        from c in db.Cases.AsNoTracking()
        where ReleasedStates.Contains(c.State)
        join d in db.GradeDecisions.AsNoTracking() on c.Id equals d.CaseId
        where d.ReleasedAt != null && d.Attempt == c.Attempt
            && !db.GradeDecisions.Any(later => later.CaseId == d.CaseId && later.Attempt == d.Attempt && later.ReleasedAt > d.ReleasedAt)
        select new ReleasedPair { Case = c, Decision = d };

    private static readonly System.Linq.Expressions.Expression<Func<ReleasedPair, ReleasedRow>> ReleasedSelect = x => new ReleasedRow(
        x.Case.Id,
        x.Decision.Id,
        x.Case.State,
        x.Case.Attempt,
        x.Case.AttemptKind,
        x.Case.CertificateRequestedAt,
        x.Case.Apprentice!.GivenNames,
        x.Case.Apprentice.FamilyName,
        x.Case.Apprentice.Organisation!.Name,
        x.Decision.ModeratedGrade ?? x.Decision.FinalGrade,
        x.Decision.ReleasedAt!.Value);

    private static ReleasedCaseRow ReleasedCaseRowOf(ReleasedRow r) => new(
        r.Id,
        $"{r.GivenNames} {r.FamilyName}",
        r.Organisation,
        AttemptText(r.Attempt, r.AttemptKind),
        r.FinalGrade.ToString(),
        UkTime.DateTime(r.ReleasedAt),
        DisplayNames.Of(r.State),
        CertificateStatus(r.State, r.FinalGrade, r.CertificateRequestedAt));

    /// <summary>A released decision with its case, for the keyset order of the released list.</summary>
    private sealed class ReleasedPair
    {
        public required EpaCase Case { get; init; }

        public required GradeDecision Decision { get; init; }
    }

    private sealed record ReleasedRow(
        int Id,
        int DecisionId,
        CaseState State,
        int Attempt,
        AttemptKind AttemptKind,
        DateTimeOffset? CertificateRequestedAt,
        string GivenNames,
        string FamilyName,
        string Organisation,
        Grade FinalGrade,
        DateTimeOffset ReleasedAt);

    /// <summary>The result page of one case for an admin: the case's facts (already loaded and authorized on) and one command.</summary>
    public async Task<AdminCaseResultViewModel> CaseAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var caseId = epaCase.Id;
        var apprentice = snapshot.Apprentice;
        var decisions = snapshot.Decisions.OrderByDescending(d => d.Attempt).ThenByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToList();
        var resit = nameof(CaseState.ResitPlanned);
        var retake = nameof(CaseState.RetakePlanned);
        var more = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                OrganisationAddress = c.Apprentice!.Organisation!.PostalAddress,
                HasAppeal = db.Appeals.Any(a => a.CaseId == c.Id),
                ProviderName = db.Organisations.Where(o => o.Id == c.ProviderOrganisationId).Select(o => o.Name).FirstOrDefault(),
                Plans = db.AuditEntries.Where(a => a.CaseId == c.Id && a.CaseId == caseId && a.Action == CaseActions.StateChanged && (a.ToState == resit || a.ToState == retake))
                    .Select(a => new { a.At, a.Id, a.ToState })
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        var kinds = more.Plans.OrderBy(p => p.At).ThenBy(p => p.Id).Select(p => p.ToState == resit ? AttemptKind.Resit : AttemptKind.Retake).ToList();
        var current = facts.GradeDecision;
        var hasAppeal = more.HasAppeal;
        var state = epaCase.State;
        var releasedOrRejected = state is CaseState.ResultReleased or CaseState.AppealRejected;
        var grade = current?.ReleasedGrade;

        var model = new AdminCaseResultViewModel(
            caseId,
            apprentice.FullName,
            apprentice.Uln,
            snapshot.OrganisationName,
            DisplayNames.Of(facts.StandardVersion),
            DisplayNames.Of(state),
            epaCase.IsOnHold,
            AttemptText(epaCase.Attempt, epaCase.AttemptKind),
            current is null ? null : View(current, ResultViewBuilder.KindOf(current.Attempt, kinds, epaCase.Attempt, epaCase.AttemptKind)),
            decisions.Where(d => d.Id != current?.Id)
                .Select(d => View(d, ResultViewBuilder.KindOf(d.Attempt, kinds, epaCase.Attempt, epaCase.AttemptKind))).ToList(),
            grade is null || current?.ReleasedAt is null ? "No released result" : CertificateStatus(state, grade.Value, epaCase.CertificateRequestedAt),
            epaCase.AppealDeadline is { } deadline ? UkTime.DateTime(deadline) : null,
            hasAppeal,
            CanRelease: current is not null && current.ReleasedAt is null
                && (state == CaseState.IqaApproved || (state == CaseState.Graded && current.QaStatus == QaStatus.NotSampled && !current.IsOverride)),
            CanRecordFail: releasedOrRejected && grade == Grade.Fail,
            CanRequestCertificate: releasedOrRejected && grade is not null and not Grade.Fail,
            CanPlanNextAttempt: state == CaseState.FailRecorded,
            NextAttemptRefusal: current?.ReleasedAt is not null && grade is { } g ? ResitRules.NextAttemptRefusal(g) : null,
            CanRecordExceptionalCircumstances: !CaseWorkflow.IsTerminal(state),
            facts.ApprenticeConsentedToCertificate,
            apprentice.CertificateRecipient == CertificateRecipient.Employer ? "The employer" : "The apprentice",
            apprentice.CertificateRecipient == CertificateRecipient.Employer ? more.OrganisationAddress : apprentice.PostalAddress,
            epaCase.ExceptionalCircumstances,
            epaCase.ExceptionalCircumstancesReason,
            facts.StandardVersion.Settings.ResitGradeCap?.ToString())
        {
            NextAttempt = new NextAttemptInput { Kind = epaCase.ProviderAgreementAttempt == epaCase.Attempt ? epaCase.ProviderAgreedNextAttempt ?? current?.Recommendation : current?.Recommendation },
            ProviderAgreement = epaCase.ProviderOrganisationId is null ? null
                : epaCase.ProviderAgreementAttempt == epaCase.Attempt && epaCase.ProviderAgreedNextAttempt is { } agreed && epaCase.ProviderAgreedAt is { } agreedAt
                    ? new ProviderAgreementView(more.ProviderName ?? "the training provider", DisplayNames.Of(agreed), $"{epaCase.ProviderAgreedByName}, {UkTime.DateTime(agreedAt)}", epaCase.SupportiveActionPlan, epaCase.SupportiveActionPlanFileId)
                    : new ProviderAgreementView(more.ProviderName ?? "the training provider", null, null, null),
            Exceptional = new ExceptionalCircumstancesInput { Recorded = epaCase.ExceptionalCircumstances },
        };
        return model;
    }

    /// <summary>
    /// Releases one result: a grade not sampled for QA is approved first (by the admin, as the case
    /// workflow allows); the apprentice and employer are told; a released Fail is recorded as a fail
    /// at once, which opens the way to a re-sit or re-take. All in one transaction, each move audited.
    /// </summary>
    public Task<CommandResult> ReleaseAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var actor = commands.Actor;
            if (epaCase.State == CaseState.Graded)
            {
                var approved = workflow.Transition(epaCase, CaseState.IqaApproved, actor, facts, NotSampledReason);
                if (!approved.Succeeded)
                {
                    return approved;
                }

                db.AuditEntries.Add(approved.Audit!.ToAuditEntry());
            }

            var released = workflow.Transition(epaCase, CaseState.ResultReleased, actor, facts, reason: null);
            if (!released.Succeeded)
            {
                return released;
            }

            await notifier.ResultReleasedAsync(epaCase.Id, nextAttemptToAgree: facts.GradeDecision is { ReleasedGrade: Grade.Fail }, cancellationToken);
            if (facts.GradeDecision is { ReleasedGrade: Grade.Fail })
            {
                var failed = workflow.Transition(epaCase, CaseState.FailRecorded, actor, facts, reason: null);
                if (failed.Succeeded)
                {
                    db.AuditEntries.Add(released.Audit!.ToAuditEntry());
                    return failed;
                }
            }

            return released;
        }, cancellationToken);

    public async Task<string?> ApprenticeNameAsync(int caseId, CancellationToken cancellationToken = default) =>
        await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A released Fail (or a Fail whose appeal was rejected) is recorded, opening re-sit or re-take.</summary>
    public Task<CommandResult> RecordFailAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default) =>
        commands.TransitionAsync(snapshot, CaseState.FailRecorded, reason: null, cancellationToken: cancellationToken);

    /// <summary>Requests the certificate: the apprentice's consent comes from the gateway, the declarations from the admin.</summary>
    public Task<CommandResult> RequestCertificateAsync(CaseSnapshot snapshot, CertificateInput input, CancellationToken cancellationToken = default) =>
        commands.TransitionAsync(
            snapshot,
            CaseState.CertificateRequested,
            reason: null,
            facts => facts with { CertificateDeclarationsConfirmed = input.DetailsChecked && input.RequirementsMet },
            cancellationToken);

    /// <summary>Plans a re-sit or re-take after a recorded Fail, with the employer's agreement, or the training provider's when the case
    /// names one (recorded by the provider, issue 19); the domain checks it and starts the next attempt.</summary>
    public Task<CommandResult> PlanNextAttemptAsync(CaseSnapshot snapshot, NextAttemptInput input, CancellationToken cancellationToken = default) =>
        commands.TransitionAsync(
            snapshot,
            input.Kind == AttemptKind.Retake ? CaseState.RetakePlanned : CaseState.ResitPlanned,
            string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            facts => facts with { EmployerAgreedToNextAttempt = input.EmployerAgreed },
            cancellationToken);

    /// <summary>Records (or clears) exceptional circumstances, which lift a re-sit/re-take grade cap. Audited.</summary>
    public async Task<CommandResult> SetExceptionalCircumstancesAsync(CaseSnapshot snapshot, ExceptionalCircumstancesInput input, CancellationToken cancellationToken = default)
    {
        var epaCase = snapshot.Case;
        if (CaseWorkflow.IsTerminal(epaCase.State))
        {
            return CommandResult.Refused($"The case is '{DisplayNames.Of(epaCase.State)}', which is final.");
        }

        var reason = input.Reason!.Trim();
        epaCase.ExceptionalCircumstances = input.Recorded;
        epaCase.ExceptionalCircumstancesReason = input.Recorded ? reason : null;
        audit.Add(
            input.Recorded ? "ExceptionalCircumstancesRecorded" : "ExceptionalCircumstancesCleared",
            epaCase.Id,
            input.Recorded ? "A re-sit or re-take grade cap no longer applies to this case." : "Any re-sit or re-take grade cap applies again.",
            reason);
        return await commands.SaveChangesAsync(cancellationToken);
    }

    public static string CertificateStatus(CaseState state, Grade grade, DateTimeOffset? requestedAt) =>
        requestedAt is { } at ? $"Requested on {UkTime.Date(at)}"
        : grade == Grade.Fail ? "None: a Fail is not certificated"
        : state switch
        {
            CaseState.ResultReleased or CaseState.AppealRejected => "Ready to request",
            CaseState.AppealLodged => "Waiting for the appeal decision",
            CaseState.Withdrawn => "None: withdrawn",
            _ => "Not yet",
        };

    private async Task<IReadOnlyList<ExportProblem>> ExportProblemsAsync(CancellationToken cancellationToken)
    {
        var apprentices = await (
                from c in db.Cases.AsNoTracking()
                where db.GradeDecisions.Any(d => d.CaseId == c.Id && d.ReleasedAt != null)
                select new { c.Id, c.Apprentice!.Uln, c.Apprentice.GivenNames, c.Apprentice.FamilyName })
            .ToListAsync(cancellationToken);
        return apprentices
            .Where(a => !Uln.IsValid(a.Uln))
            .Select(a => new ExportProblem(a.Id, $"{a.GivenNames} {a.FamilyName}", $"ULN {a.Uln.Trim()}: {Uln.Validate(a.Uln)}"))
            .ToList();
    }

    private static DecisionView View(GradeDecision d, AttemptKind kind) => new(
        d.Attempt,
        AttemptText(d.Attempt, kind),
        d.ReleasedGrade.ToString(),
        d.ComputedGrade.ToString(),
        d.CappedFrom?.ToString(),
        d.OverrideJustification,
        d.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        d.Feedback,
        d.ReleasedRecommendation is { } next ? DisplayNames.Of(next) : null,
        d.QaStatus switch
        {
            QaStatus.Approved when d.IsModerated => $"Moderated by quality assurance from the assessor's {d.FinalGrade}: {d.ModerationReason}",
            QaStatus.Pending => "Awaiting quality assurance",
            QaStatus.NotSampled => "Not sampled for quality assurance",
            QaStatus.Approved => "Approved by quality assurance",
            _ => $"Returned by quality assurance: {d.QaReturnReason}",
        },
        d.QaDecisionDate is { } date ? UkTime.Date(date) : null,
        d.ReleasedAt is { } released ? UkTime.DateTime(released) : null,
        UkTime.DateTime(d.DecidedAt));

    private static string AttemptText(int attempt, AttemptKind kind) =>
        kind == AttemptKind.First
            ? $"Attempt {attempt.ToString(CultureInfo.InvariantCulture)}"
            : $"Attempt {attempt.ToString(CultureInfo.InvariantCulture)} ({DisplayNames.Of(kind)})";
}
