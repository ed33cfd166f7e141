using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.TestData;

/// <summary>
/// A case of Alex Apprentice (Acme Ltd) on ST0128 v1.0 in a given state, with every fact a well-run case
/// has by then. <see cref="ReadyFor"/> also arranges the facts a particular move needs (a window that
/// has opened, an interview that has started...), so that the move succeeds; tests then break one fact.
/// </summary>
internal sealed class CaseScenario
{
    public const string DefaultReason = "Recorded for the test.";

    private static readonly HashSet<CaseState> BeforeAllocation = [CaseState.Registered, CaseState.GatewaySubmitted, CaseState.GatewayRejected];

    private static readonly HashSet<CaseState> InterviewDone =
    [
        CaseState.InterviewCompleted, CaseState.Graded, CaseState.IqaApproved, CaseState.ResultReleased, CaseState.CertificateRequested,
        CaseState.FailRecorded, CaseState.AppealLodged, CaseState.AppealUpheld, CaseState.AppealRejected,
    ];

    private static readonly HashSet<CaseState> Released =
    [
        CaseState.ResultReleased, CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.AppealLodged, CaseState.AppealUpheld, CaseState.AppealRejected,
    ];

    private CaseScenario(CaseState state)
    {
        Case = new EpaCase(apprenticeId: 3, organisationId: Actors.AcmeId, standardVersionId: 1, createdAt: Now.AddDays(-400)).WithId(42);
        Case.State = state;
        Case.StateChangedAt = Now.AddDays(-1);
        Case.PortfolioSubmittedAt = Now.AddDays(-30);
        Case.PortfolioSnapshotHash = "sha256-of-portfolio";
        Case.PortfolioConfirmedAt = Now.AddDays(-29);
        Case.PortfolioConfirmedByName = "Erin Employer";
        Case.PortfolioConfirmedByJobTitle = "Engineering Manager";
        Case.AssessorId = BeforeAllocation.Contains(state) ? null : Actors.AssessorId;
        Case.GatewaySubmittedAt = state == CaseState.Registered ? null : Now.AddDays(-20);

        Gateway = CompleteGateway();
        Project = NewProject(attempt: 1, opensAt: Now.AddDays(7));
        Note = CompleteNote(attempt: 1);
        Questions.AddRange(AnsweredQuestions(attempt: 1));
        Interview = new Interview(42, 1, Now.AddDays(14), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());
        Decision = new GradeDecision(42, 1, Actors.AssessorId, Grade.Pass, Grade.Pass, "Pass because ...", Now.AddDays(-1)) { QaStatus = QaStatus.Pending };

        if (InterviewDone.Contains(state))
        {
            Interview = new Interview(42, 1, Now.AddDays(-7), 60, InterviewMode.VideoCall, "https://meet.example/abc", Guid.NewGuid());
            Interview.MarkCompleted(Now.AddDays(-7).AddHours(1));
        }

        if (state == CaseState.IqaApproved || Released.Contains(state))
        {
            Decision.QaStatus = QaStatus.Approved;
            Decision.QaById = Actors.QualityAssurer.UserId;
            Decision.QaAt = Now.AddDays(-3);
            Decision.QaDecisionDate = DateOnly.FromDateTime(Now.AddDays(-3).DateTime);
        }

        if (Released.Contains(state))
        {
            Decision.ReleasedAt = Now.AddDays(-2);
            Case.ResultReleasedAt = Now.AddDays(-2);
            Case.AppealDeadline = Now.AddDays(18);
        }

        if (state is CaseState.FailRecorded or CaseState.ResitPlanned or CaseState.RetakePlanned)
        {
            MakeDecisionFail();
        }

        if (state is CaseState.AppealLodged or CaseState.AppealUpheld or CaseState.AppealRejected)
        {
            Appeal = new Appeal(42, 1, Actors.ApprenticeUserId, "The interview was cut short.", Now.AddDays(-1));
        }

        if (state == CaseState.AppealUpheld)
        {
            Appeal!.Decide(AppealOutcome.Upheld, "The interview was cut short.", Now.AddHours(-5));
            Case.AssessorId = Actors.OtherAssessor.UserId;
        }

        if (state == CaseState.AppealRejected)
        {
            Appeal!.Decide(AppealOutcome.Rejected, "The interview ran its full length.", Now.AddHours(-5));
        }

        if (state is CaseState.ResitPlanned or CaseState.RetakePlanned)
        {
            Case.Attempt = 2;
            Case.AttemptKind = state == CaseState.ResitPlanned ? AttemptKind.Resit : AttemptKind.Retake;
            Project = NewProject(attempt: 2, opensAt: Now.AddDays(7));
        }
    }

    public DateTimeOffset Now { get; set; } = TestClock.Now;

    public StandardVersion Version { get; set; } = StandardVersions.St0128V1();

    /// <summary>The case's parties: <see cref="Actors.PartiesWithProvider"/> for a case naming a training provider.</summary>
    public CaseParties Parties { get; set; } = Actors.Parties;

    public EpaCase Case { get; }

    public GatewaySubmission? Gateway { get; set; }

    public DateOnly? StartDate { get; set; } = new DateOnly(2025, 9, 1);

    public int PortfolioItemCount { get; set; } = 12;

    public bool ReferenceSubmitted { get; set; } = true;

    public List<ConflictOfInterest> Conflicts { get; } = [];

    public List<string> EarlierAssessorIds { get; } = [];

    public List<string> QualityAssurerIds { get; } = [];

    public ProjectSubmission? Project { get; set; }

    public int Deliverables { get; set; } = 3;

    public AssessorNote? Note { get; set; }

    public List<InterviewQuestion> Questions { get; } = [];

    public Interview? Interview { get; set; }

    public GradeDecision? Decision { get; set; }

    public bool CertificateConsent { get; set; } = true;

    public bool CertificateDeclarations { get; set; } = true;

    public Appeal? Appeal { get; set; }

    public bool EmployerAgreed { get; set; } = true;

    public List<DateOnly> BankHolidays { get; } = [];

    /// <summary>The allocated assessor's hours and leave (null: not checked, as when the facts are loaded for a page).</summary>
    public Domain.Scheduling.Availability? Availability { get; set; }

    public List<Domain.Scheduling.BusyTime> Busy { get; } = [];

    public Domain.Adjustments.ScheduleAdjustment Adjustment { get; set; } = Domain.Adjustments.ScheduleAdjustment.None;

    /// <summary>Quality assurance returned an earlier grade of the current attempt.</summary>
    public bool GradeReturnedByQa { get; set; }

    /// <summary>The allocated assessor as an actor (whoever the case names).</summary>
    public Actor AllocatedAssessor => Actors.AssessorWithId(Case.AssessorId!);

    public static CaseScenario In(CaseState state) => new(state);

    /// <summary>A case in <paramref name="from"/> whose facts let the default actor move it to <paramref name="to"/>.</summary>
    public static CaseScenario ReadyFor(CaseState from, CaseState to)
    {
        var scenario = new CaseScenario(from);
        var now = scenario.Now;
        switch ((from, to))
        {
            case (CaseState.GatewaySubmitted, CaseState.GatewayApproved):
                scenario.Case.AssessorId = Actors.AssessorId;
                break;
            case (CaseState.GatewaySubmitted, CaseState.GatewayRejected):
                scenario.Gateway!.RecordReview(GatewayItem.KnowledgeModules, GatewayItemDecision.Rejected, "The Programming certificate is unreadable.");
                break;
            case (CaseState.ProjectScheduled, CaseState.ProjectInProgress):
                scenario.Project = NewProject(1, now.AddHours(-1));
                break;
            case (CaseState.ProjectInProgress, CaseState.ProjectSubmitted):
                scenario.Project = NewProject(1, now.AddDays(-1));
                break;
            case (CaseState.InterviewScheduled, CaseState.InterviewCompleted):
                scenario.Interview = new Interview(42, 1, now.AddHours(-2), 60, InterviewMode.InPerson, "Acme Ltd, Leeds", Guid.NewGuid());
                break;
            case (CaseState.ResultReleased, CaseState.FailRecorded):
            case (CaseState.AppealRejected, CaseState.FailRecorded):
                scenario.MakeDecisionFail();
                break;
        }

        return scenario;
    }

    /// <summary>The actor who takes the move in the ordinary course of a case.</summary>
    public Actor DefaultActorFor(CaseState to) => (Case.State, to) switch
    {
        (_, CaseState.GatewaySubmitted) => Actors.Employer,
        (_, CaseState.ProjectInProgress) => Actor.System,
        (_, CaseState.ProjectSubmitted) => Actors.Apprentice,
        (CaseState.ProjectSubmitted, CaseState.PreInterviewReview) => AllocatedAssessor,
        (_, CaseState.InterviewScheduled or CaseState.InterviewCompleted) when Case.State != CaseState.Graded => AllocatedAssessor,
        (_, CaseState.Graded) => AllocatedAssessor,
        (CaseState.Graded, _) when to != CaseState.Withdrawn => Actors.QualityAssurer,
        (_, CaseState.AppealLodged) => Actors.Apprentice,
        _ => Actors.Admin,
    };

    public CaseFacts Facts() => new()
    {
        StandardVersion = Version,
        Parties = Parties,
        BankHolidays = BankHolidays,
        AssessorAvailability = Availability,
        BusyTimes = Busy,
        Adjustment = Adjustment,
        Gateway = Gateway,
        ApprenticeshipStartDate = StartDate,
        PortfolioItemCount = PortfolioItemCount,
        EmployerReferenceSubmitted = ReferenceSubmitted,
        AssessorConflicts = Conflicts,
        EarlierAssessorIds = EarlierAssessorIds,
        QualityAssurerIds = QualityAssurerIds,
        Project = Project,
        ProjectDeliverableCount = Deliverables,
        AssessorNote = Note,
        InterviewQuestions = Questions,
        Interview = Interview,
        GradeDecision = Decision,
        GradeReturnedByQa = GradeReturnedByQa,
        ApprenticeConsentedToCertificate = CertificateConsent,
        CertificateDeclarationsConfirmed = CertificateDeclarations,
        Appeal = Appeal,
        EmployerAgreedToNextAttempt = EmployerAgreed,
    };

    public CaseWorkflow Workflow() => new(TestClock.At(Now));

    public CaseOutcome Move(CaseState to, Actor actor, string? reason = DefaultReason) =>
        Workflow().Transition(Case, to, actor, Facts(), reason);

    /// <summary>The move by its default actor, with a reason.</summary>
    public CaseOutcome Move(CaseState to) => Move(to, DefaultActorFor(to));

    public void MakeDecisionFail(AttemptKind? recommendation = AttemptKind.Resit)
    {
        var failed = new GradeDecision(42, Decision!.Attempt, Decision.AssessorId, Grade.Fail, Grade.Fail, "Fail because How is Below the expected level.", Decision.DecidedAt)
        {
            QaStatus = Decision.QaStatus,
            QaById = Decision.QaById,
            QaAt = Decision.QaAt,
            QaDecisionDate = Decision.QaDecisionDate,
            ReleasedAt = Decision.ReleasedAt,
            Recommendation = recommendation,
        };
        Decision = failed;
    }

    public static ProjectSubmission NewProject(int attempt, DateTimeOffset opensAt) =>
        new(42, attempt, "Room booking component", "Build and test a room booking component for the intranet.", opensAt, WorkingDays.Add(opensAt, 5));

    /// <summary>A complete gateway with every item approved; <paramref name="modules"/> replaces the two passed modules.</summary>
    public static GatewaySubmission CompleteGateway(params (string Module, DateOnly PassedOn, Guid CertificateFileId)[] modules)
    {
        var gateway = new GatewaySubmission(42, Actors.Employer.UserId, TestClock.Now.AddDays(-20))
        {
            EnglishEvidenceFileId = Guid.NewGuid(),
            MathsExemptionReason = "GCSE mathematics grade 6 (2019)",
            MinimumTimeOnProgrammeConfirmed = true,
            ReadinessDeclared = true,
            PortfolioAndReferenceCompleteConfirmed = true,
            ApprenticeConsentsToCertificateRequest = true,
            EmployerSignatoryName = "Erin Employer",
            EmployerSignatoryJobTitle = "Engineering Manager",
        };
        if (modules.Length == 0)
        {
            modules = [("Software Development Context and Methodologies", new DateOnly(2026, 5, 1), Guid.NewGuid()), ("Programming", new DateOnly(2026, 6, 1), Guid.NewGuid())];
        }

        foreach (var (module, passedOn, certificate) in modules)
        {
            gateway.AddModuleResult(module, "BCS", passedOn, certificate);
        }

        foreach (var item in Enum.GetValues<GatewayItem>())
        {
            gateway.RecordReview(item, GatewayItemDecision.Approved, null);
        }

        return gateway;
    }

    private AssessorNote CompleteNote(int attempt)
    {
        var note = new AssessorNote(42, attempt, Actors.AssessorId, Now.AddDays(-2));
        foreach (var area in Version.Areas)
        {
            note.SetConclusion(area.Code, null, InitialLevel.Expected, [], $"{area.Name}: expected so far.");
        }

        foreach (var competency in Version.Competencies)
        {
            note.SetConclusion(null, competency.Id, InitialLevel.Expected, [$"PortfolioItem:{competency.Id}"], null);
        }

        return note;
    }

    private static IEnumerable<InterviewQuestion> AnsweredQuestions(int attempt) =>
    [
        new(42, attempt, "How did you keep the booking data safe?", QuestionOrigin.Planned, 1, [102]) { Asked = true, AnswerSummary = "Parameterised queries and role checks." },
        new(42, attempt, "Who did you explain the component to?", QuestionOrigin.Suggested, 2, [111]) { Asked = true, AnswerSummary = "The facilities team, in a demo." },
    ];
}
