using EpaPortal.Domain.Access;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Identifiers;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// The one place that changes a case's state (domain.md section 5) and its other workflow fields
/// (assessor, hold, portfolio submission). Every method either does what was asked and returns the audit
/// record to write, or refuses with the broken rules and leaves the case untouched.
/// </summary>
public sealed class CaseWorkflow(TimeProvider clock)
{
    /// <summary>
    /// States in which an assessor is allocated or replaced: from the gateway submission (approving the
    /// gateway needs an allocated assessor, domain.md section 5) until the interview.
    /// </summary>
    private static readonly HashSet<CaseState> AllocationStates =
    [
        CaseState.GatewaySubmitted,
        CaseState.GatewayApproved,
        CaseState.ProjectScheduled,
        CaseState.ProjectInProgress,
        CaseState.ProjectSubmitted,
        CaseState.PreInterviewReview,
        CaseState.InterviewScheduled,
        CaseState.ResitPlanned,
        CaseState.RetakePlanned,
        CaseState.AppealUpheld,
    ];

    /// <summary>The states in which an assessor may be allocated (bulk allocation lists the cases in them without one).</summary>
    public static IReadOnlyCollection<CaseState> StatesForAllocation => AllocationStates;

    /// <summary>The states a case may move to next from <paramref name="from"/>, whoever asks.</summary>
    public static IReadOnlyList<CaseState> NextStates(CaseState from) =>
        TransitionRules.All.Where(r => r.From == from).Select(r => r.To).ToList();

    public static bool IsTerminal(CaseState state) => TransitionRules.Terminal.Contains(state);

    /// <summary>Whether the table has the move and lets <paramref name="relation"/> take it (its guards are not checked).</summary>
    public static bool Allows(CaseState from, CaseState to, CaseRelation relation) =>
        TransitionRules.Find(from, to) is { } rule && (rule.Who & relation) != 0;

    /// <summary>The moves this actor could take now (guards met; a required reason is not checked).</summary>
    public IReadOnlyList<CaseState> AvailableTransitions(EpaCase epaCase, Actor actor, CaseFacts facts) =>
        NextStates(epaCase.State)
            .Where(target => Check(epaCase, target, actor, facts, reason: null, checkReason: false).Count == 0)
            .ToList();

    /// <summary>What would stop the move, without making it. Empty when it would succeed.</summary>
    public IReadOnlyList<string> Check(EpaCase epaCase, CaseState target, Actor actor, CaseFacts facts, string? reason) =>
        Check(epaCase, target, actor, facts, reason, checkReason: true);

    /// <summary>Moves the case to <paramref name="target"/> if the table allows it, the actor may take
    /// the move and its guards hold.</summary>
    public CaseOutcome Transition(EpaCase epaCase, CaseState target, Actor actor, CaseFacts facts, string? reason)
    {
        var problems = Check(epaCase, target, actor, facts, reason, checkReason: true);
        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        var context = Context(epaCase, actor, facts, reason);
        var rule = TransitionRules.Find(epaCase.State, target)!;
        var from = epaCase.State;
        rule.Apply(context);
        epaCase.State = target;
        epaCase.StateChangedAt = context.Now;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.StateChanged, from, target, details: Details(epaCase, target)));
    }

    /// <summary>
    /// Creates a case for an apprentice (saved, so it has an id) on an active standard version, naming its
    /// training provider when there is one (<paramref name="provider"/>).
    /// </summary>
    public CaseOutcome Register(Apprentice apprentice, StandardVersion version, Actor actor, bool enforceUlnChecksum = true, ProviderBooking? provider = null)
    {
        // An admin registers anyone; an API client with the register scope registers its organisation's apprentices;
        // a provider user books the EPA of an apprentice it trains, for an employer it works with (issue 19).
        var byProvider = actor.ApiClient is null && !actor.IsInRole(PortalRole.Admin) && actor.IsInRole(PortalRole.Provider);
        var mayRegister = actor.ApiClient is { } client
            ? ApiPermissions.MayRegister(client, apprentice.OrganisationId)
            : actor.IsInRole(PortalRole.Admin)
              || (byProvider && provider is not null && actor.EmployerOrganisationId == provider.ProviderOrganisationId);
        if (!mayRegister)
        {
            return CaseOutcome.Refused(byProvider ? "A training provider can only register its own apprentices." : "Only an admin can register a case.");
        }

        if (byProvider && !provider!.WorksWithEmployer)
        {
            return CaseOutcome.Refused("Your organisation does not work with this employer: ask the assessment organisation to link you first.");
        }

        var problems = new List<string>();
        if (Uln.Validate(apprentice.Uln, enforceUlnChecksum) is { } ulnProblem)
        {
            problems.Add(ulnProblem);
        }

        if (!version.IsActive)
        {
            problems.Add($"{DisplayNames.Of(version)} is closed to new registrations.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        var now = clock.GetUtcNow();
        if (provider?.PlannedGatewayDate is { } planned && planned < DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, clock.LocalTimeZone).DateTime))
        {
            return CaseOutcome.Refused("The planned gateway date is in the past.");
        }

        var epaCase = new EpaCase(apprentice, version.Id, now)
        {
            StateChangedAt = now,
            ProviderOrganisationId = provider?.ProviderOrganisationId,
            PlannedGatewayDate = provider?.PlannedGatewayDate,
        };
        var audit = new CaseAuditRecord(now, actor.UserId, actor.DisplayName, CaseActions.Registered, epaCase.Id, CaseState.Registered, CaseState.Registered, null, $"{apprentice.FullName}, ULN {apprentice.Uln.Trim()}, {DisplayNames.Of(version)}");
        return CaseOutcome.Done(epaCase, audit);
    }

    /// <summary>
    /// Allocates (or re-allocates) the independent assessor. Refused when the assessor has a conflict in
    /// force with the apprentice's organisation, has another role on the case, or, for an upheld appeal,
    /// graded the appealed result.
    /// </summary>
    public CaseOutcome AllocateAssessor(EpaCase epaCase, Actor actor, Actor assessor, IEnumerable<ConflictOfInterest> assessorConflicts, CaseFacts facts) =>
        AllocateAssessor(epaCase, actor, assessor, assessorConflicts, AllocationFacts.From(facts));

    /// <summary>The same, from only the facts allocation reads (bulk allocation loads many cases at once).</summary>
    public CaseOutcome AllocateAssessor(EpaCase epaCase, Actor actor, Actor assessor, IEnumerable<ConflictOfInterest> assessorConflicts, AllocationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var problems = CheckAllocation(epaCase, actor, assessor, assessorConflicts, facts);
        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        var context = Context(epaCase, actor, facts.Parties, reason: null);
        var previous = epaCase.AssessorId;
        epaCase.AssessorId = assessor.UserId;
        var details = previous is null ? $"Allocated {assessor.DisplayName} ({assessor.UserId})" : $"Re-allocated from {previous} to {assessor.DisplayName} ({assessor.UserId})";
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.AssessorAllocated, epaCase.State, epaCase.State, details));
    }

    /// <summary>What would stop <paramref name="assessor"/> being allocated now, without allocating
    /// (the allocation page lists only the assessors for whom this is empty). Empty when allowed.</summary>
    public IReadOnlyList<string> CheckAllocation(EpaCase epaCase, Actor actor, Actor assessor, IEnumerable<ConflictOfInterest> assessorConflicts, CaseFacts facts) =>
        CheckAllocation(epaCase, actor, assessor, assessorConflicts, AllocationFacts.From(facts));

    /// <summary>The same, from only the facts allocation reads: bulk allocation asks it for every case and assessor.</summary>
    public IReadOnlyList<string> CheckAllocation(EpaCase epaCase, Actor actor, Actor assessor, IEnumerable<ConflictOfInterest> assessorConflicts, AllocationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var context = Context(epaCase, actor, facts.Parties, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Admin))
        {
            return ["Only an admin can allocate an assessor."];
        }

        if (Frozen(epaCase) is { } frozen)
        {
            return [frozen];
        }

        if (!AllocationStates.Contains(epaCase.State))
        {
            return [$"An assessor cannot be allocated to a case that is '{DisplayNames.Of(epaCase.State)}'."];
        }

        var problems = new List<string>();
        if (!assessor.IsInRole(PortalRole.Assessor))
        {
            problems.Add($"{assessor.DisplayName} is not an assessor.");
        }

        if (assessor.UserId == epaCase.AssessorId)
        {
            problems.Add($"{assessor.DisplayName} is already the case's assessor.");
        }

        if (assessor.UserId == facts.Parties.ApprenticeUserId
            || (assessor.IsInRole(PortalRole.Employer) && assessor.EmployerOrganisationId == facts.Parties.ApprenticeOrganisationId)
            || (assessor.IsInRole(PortalRole.Provider) && facts.Parties.ProviderOrganisationId is not null && assessor.EmployerOrganisationId == facts.Parties.ProviderOrganisationId))
        {
            problems.Add($"{assessor.DisplayName} is a party to this case and cannot assess it.");
        }

        var conflicts = assessorConflicts.Where(x => x.AssessorId == assessor.UserId);
        if (TransitionRules.AssessorConflict(conflicts, facts.Parties, context.Today) is { } conflict)
        {
            problems.Add($"This assessor declared a conflict with {TransitionRules.ConflictParty(conflict, facts.Parties)}.");
        }

        if (facts.QualityAssurerIds.Contains(assessor.UserId) || assessor.UserId == facts.CurrentQaById)
        {
            problems.Add($"{assessor.DisplayName} quality-assured this case and cannot also assess it.");
        }

        if (epaCase.State == CaseState.AppealUpheld && assessor.UserId == facts.GradedById)
        {
            problems.Add("The re-assessment of an appeal needs a different assessor from the one who graded the result.");
        }

        return problems;
    }

    /// <summary>
    /// Special consideration: an admin lets the apprentice upload project deliverables until
    /// <paramref name="until"/>, with a reason. When the portal had already closed the window (the
    /// apprentice never submitted), the case goes back to ProjectInProgress, and the clock closes it
    /// again at the new time. Refused once the apprentice submitted or the assessor started the review.
    /// </summary>
    public CaseOutcome GrantProjectExtension(EpaCase epaCase, Actor actor, CaseFacts facts, DateTimeOffset until, string? reason)
    {
        var context = Context(epaCase, actor, facts, reason);
        var problems = AdminWithReason(context, "grant a project extension", "Give the reason for the extension (the special consideration).").ToList();
        var project = facts.Project is { } p && p.Attempt == epaCase.Attempt ? p : null;
        if (Frozen(epaCase) is { } frozen)
        {
            problems.Add(frozen);
        }
        else if (epaCase.State is not (CaseState.ProjectScheduled or CaseState.ProjectInProgress or CaseState.ProjectSubmitted))
        {
            problems.Add($"A project extension can only be granted while the project is scheduled, in progress or just closed; the case is '{DisplayNames.Of(epaCase.State)}'.");
        }
        else if (project is null)
        {
            problems.Add("The project for this attempt has not been set.");
        }
        else
        {
            if (project.SubmittedAt is not null)
            {
                problems.Add("The apprentice has already submitted the project.");
            }

            if (until <= project.WindowClosesAt)
            {
                problems.Add($"The extension must end after the window's close on {DisplayNames.Moment(context.Local(project.WindowClosesAt))}.");
            }

            if (until <= context.Now)
            {
                problems.Add("The extension must end in the future.");
            }
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        project!.GrantExtension(until, context.Reason!, actor.UserId);
        var from = epaCase.State;
        if (from == CaseState.ProjectSubmitted)
        {
            epaCase.State = CaseState.ProjectInProgress;
            epaCase.StateChangedAt = context.Now;
        }

        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.ProjectExtensionGranted, from, epaCase.State, $"Uploads allowed until {DisplayNames.Moment(context.Local(until))}"));
    }

    /// <summary>Freezes the case for a malpractice investigation: only resume or withdraw remain possible.</summary>
    public CaseOutcome PutOnHold(EpaCase epaCase, Actor actor, CaseParties parties, string? reason)
    {
        var context = Context(epaCase, actor, parties, reason);
        var problems = AdminWithReason(context, "put a case on hold", "Give the reason for putting the case on hold.").ToList();
        if (epaCase.IsOnHold)
        {
            problems.Add("The case is already on hold.");
        }

        if (IsTerminal(epaCase.State))
        {
            problems.Add($"A case that is '{DisplayNames.Of(epaCase.State)}' cannot be put on hold.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.IsOnHold = true;
        epaCase.HoldReason = context.Reason;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.PutOnHold, epaCase.State, epaCase.State));
    }

    /// <summary>Lifts a hold; the case carries on from the state it was in.</summary>
    public CaseOutcome Resume(EpaCase epaCase, Actor actor, CaseParties parties, string? reason)
    {
        var context = Context(epaCase, actor, parties, reason);
        var problems = AdminWithReason(context, "resume a case", "Give the reason for resuming the case.").ToList();
        if (!epaCase.IsOnHold)
        {
            problems.Add("The case is not on hold.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.IsOnHold = false;
        epaCase.HoldReason = null;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.Resumed, epaCase.State, epaCase.State));
    }

    /// <summary>
    /// The apprentice submits the portfolio; it is locked from then on until the employer returns it.
    /// <c>snapshotHash</c> is a hash of the submitted items and files, computed by the caller.
    /// </summary>
    public CaseOutcome SubmitPortfolio(EpaCase epaCase, Actor actor, CaseFacts facts, string snapshotHash)
    {
        if (string.IsNullOrWhiteSpace(snapshotHash))
        {
            throw new ArgumentException("The caller computes the snapshot hash of the submitted portfolio.", nameof(snapshotHash));
        }

        var context = Context(epaCase, actor, facts, reason: null);
        if (context.Relation != CaseRelation.Apprentice)
        {
            return CaseOutcome.Refused("Only the apprentice can submit their portfolio.");
        }

        var problems = new List<string>();
        if (epaCase.IsPortfolioLocked)
        {
            problems.Add(PortfolioLockedMessage(epaCase));
        }

        var settings = facts.StandardVersion.Settings;
        var minimum = Math.Max(1, settings.PortfolioMinItems ?? 1);
        if (facts.PortfolioItemCount < minimum)
        {
            problems.Add(minimum == 1 ? "Add at least one evidence item before submitting the portfolio." : $"The portfolio needs at least {minimum} evidence items; it has {facts.PortfolioItemCount}.");
        }

        if (settings.PortfolioMaxItems is { } maximum && facts.PortfolioItemCount > maximum)
        {
            problems.Add($"The portfolio can hold at most {maximum} evidence items; it has {facts.PortfolioItemCount}.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.PortfolioSubmittedAt = context.Now;
        epaCase.PortfolioSnapshotHash = snapshotHash;
        epaCase.PortfolioConfirmedAt = null;
        epaCase.PortfolioConfirmedByName = null;
        epaCase.PortfolioConfirmedByJobTitle = null;
        epaCase.PortfolioReturnReason = null;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.PortfolioSubmitted, epaCase.State, epaCase.State, $"{facts.PortfolioItemCount} items, snapshot {snapshotHash}"));
    }

    /// <summary>
    /// The training provider co-signs the next gateway submission (issue 19): it confirms the apprentice is ready
    /// and its off-the-job training is complete. The employer's submission then carries both signatures.
    /// </summary>
    public CaseOutcome CoSignGateway(EpaCase epaCase, Actor actor, CaseParties parties, string? name, string? jobTitle, bool readinessConfirmed)
    {
        var context = Context(epaCase, actor, parties, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Provider))
        {
            return CaseOutcome.Refused("Only the apprentice's training provider can co-sign the gateway.");
        }

        var problems = new List<string>();
        if (Frozen(epaCase) is { } frozen)
        {
            problems.Add(frozen);
        }
        else if (epaCase.State is not (CaseState.Registered or CaseState.GatewayRejected))
        {
            problems.Add("The gateway has been submitted: it can be co-signed again only after the assessment organisation rejects it.");
        }

        if (!readinessConfirmed)
        {
            problems.Add("Confirm that the apprentice is ready for the end-point assessment and their training is complete.");
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(jobTitle))
        {
            problems.Add("Give the name and job title of the person co-signing for the training provider.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.ProviderGatewaySignedAt = context.Now;
        epaCase.ProviderGatewaySignedById = actor.UserId;
        epaCase.ProviderGatewaySignatoryName = name!.Trim();
        epaCase.ProviderGatewaySignatoryJobTitle = jobTitle!.Trim();
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.GatewayCoSigned, epaCase.State, epaCase.State, $"Co-signed for the training provider by {epaCase.ProviderGatewaySignatoryName}, {epaCase.ProviderGatewaySignatoryJobTitle}"));
    }

    /// <summary>
    /// Whether gateway evidence (knowledge-module certificates, English and maths) may be uploaded or changed now,
    /// by the employer with the form or by the training provider on its own (issue 19): while the gateway is being
    /// prepared (registered, or rejected and to be resubmitted) and the case is not on hold. Null when it may.
    /// </summary>
    public static string? GatewayEvidenceClosed(CaseState state, bool isOnHold) =>
        isOnHold ? "The case is on hold: the gateway evidence cannot be changed until it resumes."
        : state is CaseState.Registered or CaseState.GatewayRejected ? null
        : "The gateway has been submitted: its evidence can be changed again only if the assessment organisation rejects it.";

    /// <summary>
    /// The training provider agrees to a re-sit or a re-take of the failed attempt (issue 19). A re-take needs the
    /// provider's supportive action plan (the further training first). Recorded on the case for the current attempt
    /// and audited; a new agreement replaces the earlier one until the admin plans the next attempt.
    /// </summary>
    public CaseOutcome AgreeNextAttempt(EpaCase epaCase, Actor actor, CaseParties parties, AttemptKind? kind, string? agreedByName, string? plan, Guid? planFileId)
    {
        var context = Context(epaCase, actor, parties, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Provider))
        {
            return CaseOutcome.Refused("Only the apprentice's training provider can agree a re-sit or a re-take.");
        }

        var problems = new List<string>();
        if (Frozen(epaCase) is { } frozen)
        {
            problems.Add(frozen);
        }
        else if (epaCase.State != CaseState.FailRecorded)
        {
            problems.Add("A re-sit or a re-take can be agreed only after a Fail has been released and recorded.");
        }

        if (kind is not (AttemptKind.Resit or AttemptKind.Retake))
        {
            problems.Add("Choose a re-sit (no further training) or a re-take (further training first).");
        }
        else if (kind == AttemptKind.Retake && string.IsNullOrWhiteSpace(plan))
        {
            problems.Add("A re-take needs your supportive action plan: describe the further training before the next attempt.");
        }

        if (string.IsNullOrWhiteSpace(agreedByName))
        {
            problems.Add("Give the name of the person agreeing for the training provider.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.ProviderAgreedNextAttempt = kind;
        epaCase.ProviderAgreementAttempt = epaCase.Attempt;
        epaCase.ProviderAgreedAt = context.Now;
        epaCase.ProviderAgreedById = actor.UserId;
        epaCase.ProviderAgreedByName = agreedByName!.Trim();
        var isRetake = kind == AttemptKind.Retake;
        epaCase.SupportiveActionPlan = isRetake ? plan!.Trim() : null;
        epaCase.SupportiveActionPlanFileId = isRetake ? planFileId ?? epaCase.SupportiveActionPlanFileId : null;
        return CaseOutcome.Done(epaCase, Audit(
            context,
            CaseActions.NextAttemptAgreed,
            epaCase.State,
            epaCase.State,
            $"The training provider agreed to a {DisplayNames.Of(kind!.Value)} of attempt {epaCase.Attempt} ({epaCase.ProviderAgreedByName})"
                + (isRetake ? $"; supportive action plan: {epaCase.SupportiveActionPlan}" + (planFileId is null ? string.Empty : " (with a document)") : string.Empty)));
    }

    /// <summary>Whether the training provider may attach its supportive action plan as a document now: after it agreed a
    /// re-take of the current attempt, while the Fail is recorded and the case not on hold. Null when it may.</summary>
    public static string? SupportiveActionPlanDocumentClosed(EpaCase epaCase) =>
        Frozen(epaCase)
        ?? (epaCase.State != CaseState.FailRecorded ? "A supportive action plan can be attached only while a re-take is being agreed, after a Fail."
        : epaCase.ProviderAgreedNextAttempt != AttemptKind.Retake || epaCase.ProviderAgreementAttempt != epaCase.Attempt ? "Agree the re-take with its written plan first; then attach the plan as a document."
        : null);

    /// <summary>The training provider attaches its supportive action plan as a document (stored through the evidence store) to the re-take it agreed. Audited.</summary>
    public CaseOutcome AttachSupportiveActionPlanDocument(EpaCase epaCase, Actor actor, CaseParties parties, Guid fileId, string fileName)
    {
        var context = Context(epaCase, actor, parties, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Provider))
        {
            return CaseOutcome.Refused("Only the apprentice's training provider can attach its supportive action plan.");
        }

        if (SupportiveActionPlanDocumentClosed(epaCase) is { } closed)
        {
            return CaseOutcome.Refused(closed);
        }

        epaCase.SupportiveActionPlanFileId = fileId;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.SupportiveActionPlanAttached, epaCase.State, epaCase.State, $"Supportive action plan for the re-take of attempt {epaCase.Attempt}: {fileName}"));
    }

    /// <summary>The employer confirms the submitted portfolio is the apprentice's own work.</summary>
    public CaseOutcome ConfirmPortfolio(EpaCase epaCase, Actor actor, CaseParties parties, string? name, string? jobTitle)
    {
        var context = Context(epaCase, actor, parties, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Employer))
        {
            return CaseOutcome.Refused("Only the apprentice's employer can confirm the portfolio.");
        }

        var problems = PortfolioAwaitingEmployer(epaCase).ToList();
        if (epaCase.PortfolioConfirmedAt is not null)
        {
            problems.Add("The portfolio has already been confirmed.");
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(jobTitle))
        {
            problems.Add("Give the name and job title of the person confirming the portfolio.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.PortfolioConfirmedAt = context.Now;
        epaCase.PortfolioConfirmedByName = name!.Trim();
        epaCase.PortfolioConfirmedByJobTitle = jobTitle!.Trim();
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.PortfolioConfirmed, epaCase.State, epaCase.State, $"Confirmed by {epaCase.PortfolioConfirmedByName}, {epaCase.PortfolioConfirmedByJobTitle}"));
    }

    /// <summary>The employer returns the submitted portfolio to the apprentice, re-opening it.</summary>
    public CaseOutcome ReturnPortfolio(EpaCase epaCase, Actor actor, CaseParties parties, string? reason)
    {
        var context = Context(epaCase, actor, parties, reason);
        if (!context.Relation.HasFlag(CaseRelation.Employer))
        {
            return CaseOutcome.Refused("Only the apprentice's employer can return the portfolio.");
        }

        var problems = PortfolioAwaitingEmployer(epaCase).ToList();
        if (context.Reason is null)
        {
            problems.Add("Give the reason for returning the portfolio.");
        }

        if (problems.Count > 0)
        {
            return CaseOutcome.Refused(problems);
        }

        epaCase.PortfolioSubmittedAt = null;
        epaCase.PortfolioSnapshotHash = null;
        epaCase.PortfolioConfirmedAt = null;
        epaCase.PortfolioConfirmedByName = null;
        epaCase.PortfolioConfirmedByJobTitle = null;
        epaCase.PortfolioReturnReason = context.Reason;
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.PortfolioReturned, epaCase.State, epaCase.State));
    }

    /// <summary>
    /// Keeps the admin's item decisions on the submitted gateway without deciding it: the caller has
    /// recorded them on <see cref="CaseFacts.Gateway"/> (<see cref="GatewaySubmission.RecordReview"/>). Used
    /// when approving or rejecting is refused (say, no assessor is allocated yet), so that nothing the admin
    /// decided is lost while they put it right.
    /// </summary>
    public CaseOutcome KeepGatewayReview(EpaCase epaCase, Actor actor, CaseFacts facts)
    {
        var context = Context(epaCase, actor, facts, reason: null);
        if (!context.Relation.HasFlag(CaseRelation.Admin))
        {
            return CaseOutcome.Refused("Only an admin can review the gateway.");
        }

        if (Frozen(epaCase) is { } frozen)
        {
            return CaseOutcome.Refused(frozen);
        }

        if (epaCase.State != CaseState.GatewaySubmitted)
        {
            return CaseOutcome.Refused($"The gateway can only be reviewed while it is submitted; the case is '{DisplayNames.Of(epaCase.State)}'.");
        }

        if (facts.Gateway is not { } gateway)
        {
            return CaseOutcome.Refused("There is no gateway submission to review.");
        }

        var details = string.Join("; ", gateway.Reviews.OrderBy(r => r.Item).Select(r => $"{DisplayNames.Of(r.Item)}: {r.Decision switch
        {
            GatewayItemDecision.Approved => "approved",
            GatewayItemDecision.Rejected => "rejected",
            _ => "not decided",
        }}"));
        return CaseOutcome.Done(epaCase, Audit(context, CaseActions.GatewayReviewKept, epaCase.State, epaCase.State, details));
    }

    private List<string> Check(EpaCase epaCase, CaseState target, Actor actor, CaseFacts facts, string? reason, bool checkReason)
    {
        var rule = TransitionRules.Find(epaCase.State, target);
        if (rule is null)
        {
            return [IsTerminal(epaCase.State)
                ? $"The case is '{DisplayNames.Of(epaCase.State)}', which is final: it cannot move to '{DisplayNames.Of(target)}'."
                : $"A case that is '{DisplayNames.Of(epaCase.State)}' cannot move to '{DisplayNames.Of(target)}'."];
        }

        if (epaCase.IsOnHold && target != CaseState.Withdrawn)
        {
            return [OnHoldMessage(epaCase)];
        }

        var context = Context(epaCase, actor, facts, reason);
        if ((context.Relation & rule.Who) == 0)
        {
            return [$"Only {rule.WhoText} can {rule.Action}."];
        }

        var problems = new List<string>();
        if (checkReason && rule.ReasonPrompt is not null && context.Reason is null)
        {
            problems.Add(rule.ReasonPrompt);
        }

        problems.AddRange(rule.Guards(context));
        return problems;
    }

    private TransitionContext Context(EpaCase epaCase, Actor actor, CaseFacts facts, string? reason) =>
        new(epaCase, actor, CaseRelations.Of(actor, epaCase, facts.Parties), facts, reason, clock.GetUtcNow(), clock.LocalTimeZone);

    private TransitionContext Context(EpaCase epaCase, Actor actor, CaseParties parties, string? reason) =>
        new(epaCase, actor, CaseRelations.Of(actor, epaCase, parties), facts: null, reason, clock.GetUtcNow(), clock.LocalTimeZone);

    private static IEnumerable<string> AdminWithReason(TransitionContext context, string action, string reasonPrompt)
    {
        if (!context.Relation.HasFlag(CaseRelation.Admin))
        {
            yield return $"Only an admin can {action}.";
        }

        if (context.Reason is null)
        {
            yield return reasonPrompt;
        }
    }

    private static IEnumerable<string> PortfolioAwaitingEmployer(EpaCase epaCase)
    {
        if (Frozen(epaCase) is { } frozen)
        {
            yield return frozen;
        }
        else if (epaCase.PortfolioSubmittedAt is null)
        {
            yield return "The apprentice has not submitted the portfolio.";
        }
        else if (epaCase.State is not (CaseState.Registered or CaseState.GatewayRejected))
        {
            yield return "The gateway has been submitted: the portfolio can no longer be changed.";
        }
    }

    private static string? Frozen(EpaCase epaCase) =>
        epaCase.IsOnHold ? OnHoldMessage(epaCase)
        : IsTerminal(epaCase.State) ? $"The case is '{DisplayNames.Of(epaCase.State)}', which is final."
        : null;

    private static string PortfolioLockedMessage(EpaCase epaCase) =>
        Frozen(epaCase)
        ?? (epaCase.PortfolioSubmittedAt is not null
            ? "The portfolio has been submitted and is locked; the employer can return it to re-open it."
            : "The gateway has been submitted: the portfolio can no longer be changed.");

    private static string OnHoldMessage(EpaCase epaCase) =>
        $"The case is on hold ({epaCase.HoldReason}): it can only be resumed or withdrawn.";

    private static string? Details(EpaCase epaCase, CaseState target) => target switch
    {
        CaseState.ResultReleased when epaCase.AppealDeadline is { } deadline => $"Appeals accepted until {DisplayNames.Moment(deadline)}",
        CaseState.ResitPlanned or CaseState.RetakePlanned => $"Attempt {epaCase.Attempt} ({DisplayNames.Of(epaCase.AttemptKind)})",
        _ => null,
    };

    private static CaseAuditRecord Audit(TransitionContext context, string action, CaseState from, CaseState to, string? details = null) =>
        new(context.Now, context.Actor.UserId, context.Actor.DisplayName, action, context.Case.Id, from, to, context.Reason, details);
}

/// <summary>A case booked by (or for) a training provider: the provider, whether it works with the apprentice's
/// employer, and when it plans the gateway.</summary>
public sealed record ProviderBooking(int ProviderOrganisationId, bool WorksWithEmployer, DateOnly? PlannedGatewayDate);

/// <summary>
/// What allocating an assessor reads beyond the case and the assessor: the parties, everyone who quality-assured
/// a grade of the case, and the current attempt's grade decision (who graded it, who is quality-assuring it).
/// </summary>
public sealed record AllocationFacts(CaseParties Parties, IReadOnlyCollection<string> QualityAssurerIds, string? GradedById, string? CurrentQaById)
{
    public static AllocationFacts From(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(facts.Parties, facts.QualityAssurerIds, facts.GradeDecision?.AssessorId, facts.GradeDecision?.QaById);
    }
}
