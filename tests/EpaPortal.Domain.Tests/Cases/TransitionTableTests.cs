using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Cases.CaseState;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>
/// The state machine of domain.md section 5, checked move by move: every allowed move succeeds for its
/// actor, every other pair of states is refused, and every move refuses the people who may not take it.
/// </summary>
[Trait("Category", "Unit")]
public class TransitionTableTests
{
    /// <summary>The "Next" column of domain.md section 5, plus: an admin can withdraw any case that has not
    /// ended; a quality assurer returns a grade to the review or the interview record; an upheld appeal
    /// goes back to the pre-interview review (re-assessment by a different assessor); a rejected appeal
    /// leaves the result to be certificated or recorded as a fail.</summary>
    private static readonly Dictionary<CaseState, CaseState[]> Expected = new()
    {
        [Registered] = [GatewaySubmitted, Withdrawn],
        [GatewaySubmitted] = [GatewayApproved, GatewayRejected, Withdrawn],
        [GatewayRejected] = [GatewaySubmitted, Withdrawn],
        [GatewayApproved] = [ProjectScheduled, Withdrawn],
        [ProjectScheduled] = [ProjectInProgress, Withdrawn],
        [ProjectInProgress] = [ProjectSubmitted, Withdrawn],
        [ProjectSubmitted] = [PreInterviewReview, Withdrawn],
        [PreInterviewReview] = [InterviewScheduled, Withdrawn],
        [InterviewScheduled] = [InterviewCompleted, Withdrawn],
        [InterviewCompleted] = [Graded, Withdrawn],
        [Graded] = [IqaApproved, PreInterviewReview, InterviewCompleted, Withdrawn],
        [IqaApproved] = [ResultReleased, Withdrawn],
        [ResultReleased] = [CertificateRequested, FailRecorded, AppealLodged, Withdrawn],
        [CertificateRequested] = [],
        [FailRecorded] = [ResitPlanned, RetakePlanned, AppealLodged, Withdrawn],
        [ResitPlanned] = [ProjectScheduled, Withdrawn],
        [RetakePlanned] = [ProjectScheduled, Withdrawn],
        [AppealLodged] = [AppealUpheld, AppealRejected, Withdrawn],
        [AppealUpheld] = [PreInterviewReview, Withdrawn],
        [AppealRejected] = [CertificateRequested, FailRecorded, Withdrawn],
        [Withdrawn] = [],
    };

    /// <summary>Who may take each move (domain.md sections 4 and 5).</summary>
    private static readonly Dictionary<(CaseState From, CaseState To), ActorKind[]> AllowedActors = BuildAllowedActors();

    public enum ActorKind
    {
        Apprentice,
        OtherApprentice,
        Employer,
        OtherEmployer,
        AllocatedAssessor,
        UnallocatedAssessor,
        QualityAssurer,
        Admin,
        System,
        Stranger,
    }

    public static TheoryData<CaseState, CaseState> AllowedMoves()
    {
        var data = new TheoryData<CaseState, CaseState>();
        foreach (var (from, targets) in Expected)
        {
            foreach (var to in targets)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<CaseState, CaseState> ForbiddenMoves()
    {
        var data = new TheoryData<CaseState, CaseState>();
        foreach (var from in Enum.GetValues<CaseState>())
        {
            foreach (var to in Enum.GetValues<CaseState>().Where(to => !Expected[from].Contains(to)))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<CaseState, CaseState, ActorKind> MovesByActorsNotAllowed()
    {
        var data = new TheoryData<CaseState, CaseState, ActorKind>();
        foreach (var ((from, to), allowed) in AllowedActors)
        {
            foreach (var kind in Enum.GetValues<ActorKind>().Where(k => !allowed.Contains(k)))
            {
                data.Add(from, to, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void AllowedMove_ByItsActorWithItsFacts_ChangesStateAndReturnsAudit(CaseState from, CaseState to)
    {
        var scenario = CaseScenario.ReadyFor(from, to);
        var actor = scenario.DefaultActorFor(to);

        var outcome = scenario.Move(to, actor);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Problems));
        Assert.Equal(to, scenario.Case.State);
        Assert.Equal(scenario.Now, scenario.Case.StateChangedAt);
        var audit = outcome.Audit!;
        Assert.Equal((actor.UserId, actor.DisplayName, CaseActions.StateChanged, 42, from, to, CaseScenario.DefaultReason, scenario.Now),
            (audit.ActorId, audit.ActorName, audit.Action, audit.CaseId, audit.From, audit.To, audit.Reason, audit.At));
    }

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public void ForbiddenMove_IsRefusedNamingBothStates_AndLeavesCaseUntouched(CaseState from, CaseState to)
    {
        var scenario = CaseScenario.In(from);
        var changedAt = scenario.Case.StateChangedAt;

        var outcome = scenario.Move(to, Actors.Admin);

        Assert.False(outcome.Succeeded);
        var problem = Assert.Single(outcome.Problems);
        Assert.Contains($"'{DisplayNames.Of(from)}'", problem, StringComparison.Ordinal);
        Assert.Contains($"'{DisplayNames.Of(to)}'", problem, StringComparison.Ordinal);
        Assert.Null(outcome.Audit);
        Assert.Equal(from, scenario.Case.State);
        Assert.Equal(changedAt, scenario.Case.StateChangedAt);
    }

    [Theory]
    [MemberData(nameof(MovesByActorsNotAllowed))]
    public void AllowedMove_ByActorWhoMayNotTakeIt_IsRefusedNamingWhoMay(CaseState from, CaseState to, ActorKind kind)
    {
        var scenario = CaseScenario.ReadyFor(from, to);

        var outcome = scenario.Move(to, ActorOf(kind, scenario));

        Assert.False(outcome.Succeeded);
        var problem = Assert.Single(outcome.Problems);
        Assert.StartsWith("Only ", problem, StringComparison.Ordinal);
        Assert.Equal(from, scenario.Case.State);
    }

    public static TheoryData<CaseState> AllStates() => new(Enum.GetValues<CaseState>());

    [Theory]
    [MemberData(nameof(AllStates))]
    public void NextStates_ForEveryState_MatchTheDomainTable(CaseState from)
    {
        Assert.Equal(Expected[from].Order(), CaseWorkflow.NextStates(from).Order());
    }

    [Theory]
    [InlineData(CertificateRequested)]
    [InlineData(Withdrawn)]
    public void TerminalState_HasNoNextState_AndSaysItIsFinal(CaseState terminal)
    {
        var scenario = CaseScenario.In(terminal);

        var outcome = scenario.Move(Registered, Actors.Admin);

        Assert.True(CaseWorkflow.IsTerminal(terminal));
        Assert.Empty(CaseWorkflow.NextStates(terminal));
        Assert.Contains("which is final", Assert.Single(outcome.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ForbiddenMove_ExampleMessage_ReadsPlainly()
    {
        var outcome = CaseScenario.In(Registered).Move(Graded, Actors.Admin);

        Assert.Equal("A case that is 'Registered' cannot move to 'Graded'.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void WrongActor_ExampleMessage_NamesWhoMay()
    {
        var scenario = CaseScenario.ReadyFor(GatewaySubmitted, GatewayApproved);

        var outcome = scenario.Move(GatewayApproved, Actors.Employer);

        Assert.Equal("Only an admin can approve the gateway.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void AvailableTransitions_ForTheEmployerOfARegisteredCase_OffersOnlyTheGateway()
    {
        var scenario = CaseScenario.In(Registered);

        var available = scenario.Workflow().AvailableTransitions(scenario.Case, Actors.Employer, scenario.Facts());

        Assert.Equal([GatewaySubmitted], available);
    }

    [Fact]
    public void AvailableTransitions_ForAnAdminOfAGradedCase_OffersOnlyWithdrawal()
    {
        var scenario = CaseScenario.In(Graded);

        var available = scenario.Workflow().AvailableTransitions(scenario.Case, Actors.Admin, scenario.Facts());

        Assert.Equal([Withdrawn], available);
    }

    [Fact]
    public void Check_OnAMoveThatWouldSucceed_IsEmptyAndChangesNothing()
    {
        var scenario = CaseScenario.ReadyFor(GatewaySubmitted, GatewayApproved);

        var problems = scenario.Workflow().Check(scenario.Case, GatewayApproved, Actors.Admin, scenario.Facts(), null);

        Assert.Empty(problems);
        Assert.Equal(GatewaySubmitted, scenario.Case.State);
    }

    [Fact]
    public void AuditRecord_ToAuditEntry_CarriesEveryField()
    {
        var scenario = CaseScenario.ReadyFor(Registered, Withdrawn);

        var entry = scenario.Move(Withdrawn, Actors.Admin, "The apprentice left Acme Ltd.").Audit!.ToAuditEntry();

        Assert.Equal((scenario.Now, "admin-1", "Ada Admin", "StateChanged", (int?)42, "Registered", "Withdrawn", "The apprentice left Acme Ltd."),
            (entry.At, entry.ActorId, entry.ActorName, entry.Action, entry.CaseId, entry.FromState, entry.ToState, entry.Reason));
    }

    private static Actor ActorOf(ActorKind kind, CaseScenario scenario) => kind switch
    {
        ActorKind.Apprentice => Actors.Apprentice,
        ActorKind.OtherApprentice => Actors.OtherApprentice,
        ActorKind.Employer => Actors.Employer,
        ActorKind.OtherEmployer => Actors.OtherEmployer,
        ActorKind.AllocatedAssessor => Actors.AssessorWithId(scenario.Case.AssessorId ?? Actors.AssessorId),
        ActorKind.UnallocatedAssessor => Actors.AssessorWithId("assessor-unallocated"),
        ActorKind.QualityAssurer => Actors.QualityAssurer,
        ActorKind.Admin => Actors.Admin,
        ActorKind.System => Actor.System,
        _ => Actors.Stranger,
    };

    private static Dictionary<(CaseState, CaseState), ActorKind[]> BuildAllowedActors()
    {
        const ActorKind Apprentice = ActorKind.Apprentice;
        const ActorKind Employer = ActorKind.Employer;
        const ActorKind Assessor = ActorKind.AllocatedAssessor;
        const ActorKind Qa = ActorKind.QualityAssurer;
        const ActorKind Admin = ActorKind.Admin;
        const ActorKind System = ActorKind.System;
        var allowed = new Dictionary<(CaseState, CaseState), ActorKind[]>
        {
            [(Registered, GatewaySubmitted)] = [Employer],
            [(GatewayRejected, GatewaySubmitted)] = [Employer],
            [(GatewaySubmitted, GatewayApproved)] = [Admin],
            [(GatewaySubmitted, GatewayRejected)] = [Admin],
            [(GatewayApproved, ProjectScheduled)] = [Admin, Assessor],
            [(ResitPlanned, ProjectScheduled)] = [Admin, Assessor],
            [(RetakePlanned, ProjectScheduled)] = [Admin, Assessor],
            [(ProjectScheduled, ProjectInProgress)] = [System],
            [(ProjectInProgress, ProjectSubmitted)] = [Apprentice, System],
            [(ProjectSubmitted, PreInterviewReview)] = [Assessor],
            [(PreInterviewReview, InterviewScheduled)] = [Assessor, Admin],
            [(InterviewScheduled, InterviewCompleted)] = [Assessor],
            [(InterviewCompleted, Graded)] = [Assessor],
            [(Graded, IqaApproved)] = [Qa, Admin, System],
            [(Graded, PreInterviewReview)] = [Qa],
            [(Graded, InterviewCompleted)] = [Qa],
            [(IqaApproved, ResultReleased)] = [Admin, System],
            [(ResultReleased, CertificateRequested)] = [Admin],
            [(ResultReleased, FailRecorded)] = [Admin, System],
            [(ResultReleased, AppealLodged)] = [Apprentice, Employer],
            [(FailRecorded, AppealLodged)] = [Apprentice, Employer],
            [(AppealLodged, AppealUpheld)] = [Admin],
            [(AppealLodged, AppealRejected)] = [Admin],
            [(AppealUpheld, PreInterviewReview)] = [Admin, Assessor],
            [(AppealRejected, CertificateRequested)] = [Admin],
            [(AppealRejected, FailRecorded)] = [Admin, System],
            [(FailRecorded, ResitPlanned)] = [Admin],
            [(FailRecorded, RetakePlanned)] = [Admin],
        };
        foreach (var from in Expected.Keys.Where(s => Expected[s].Contains(Withdrawn)))
        {
            allowed[(from, Withdrawn)] = [Admin];
        }

        return allowed;
    }
}
