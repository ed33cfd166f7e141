using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Malpractice holds: a case on hold refuses every change except resuming or withdrawing it.</summary>
[Trait("Category", "Unit")]
public class HoldTests
{
    private const string Malpractice = "Malpractice investigation: suspected copied project code.";

    [Fact]
    public void PutOnHold_ByAnAdminWithAReason_FreezesTheCaseAndAudits()
    {
        var scenario = CaseScenario.In(CaseState.PreInterviewReview);

        var outcome = scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        Assert.True(scenario.Case.IsOnHold);
        Assert.Equal(Malpractice, scenario.Case.HoldReason);
        var audit = outcome.Audit!;
        Assert.Equal((CaseActions.PutOnHold, CaseState.PreInterviewReview, CaseState.PreInterviewReview, Malpractice), (audit.Action, audit.From, audit.To, audit.Reason));
    }

    public static TheoryData<CaseState, CaseState> MovesOtherThanWithdrawal()
    {
        var data = new TheoryData<CaseState, CaseState>();
        foreach (var from in Enum.GetValues<CaseState>().Where(s => !CaseWorkflow.IsTerminal(s)))
        {
            foreach (var to in CaseWorkflow.NextStates(from).Where(t => t != CaseState.Withdrawn))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MovesOtherThanWithdrawal))]
    public void CaseOnHold_RefusesEveryMoveButWithdrawal(CaseState from, CaseState to)
    {
        var scenario = CaseScenario.ReadyFor(from, to);
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        var outcome = scenario.Move(to);

        Assert.Equal($"The case is on hold ({Malpractice}): it can only be resumed or withdrawn.", Assert.Single(outcome.Problems));
        Assert.Equal(from, scenario.Case.State);
    }

    [Fact]
    public void CaseOnHold_CanBeWithdrawn_WhichLiftsTheHold()
    {
        var scenario = CaseScenario.In(CaseState.ProjectSubmitted);
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        var outcome = scenario.Move(CaseState.Withdrawn, Actors.Admin, "Malpractice confirmed.");

        Assert.True(outcome.Succeeded);
        Assert.False(scenario.Case.IsOnHold);
    }

    [Fact]
    public void Resume_AfterHold_LetsTheCaseMoveAgain()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        var workflow = scenario.Workflow();
        workflow.PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        var resumed = workflow.Resume(scenario.Case, Actors.Admin, Actors.Parties, "Investigation closed: no malpractice.");

        Assert.Equal(CaseActions.Resumed, resumed.Audit!.Action);
        Assert.False(scenario.Case.IsOnHold);
        Assert.Null(scenario.Case.HoldReason);
        Assert.True(scenario.Move(CaseState.GatewayApproved, Actors.Admin).Succeeded);
    }

    [Fact]
    public void PutOnHold_WithoutAReason_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Graded);

        var outcome = scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, " ");

        Assert.Equal("Give the reason for putting the case on hold.", Assert.Single(outcome.Problems));
        Assert.False(scenario.Case.IsOnHold);
    }

    [Theory]
    [InlineData("assessor")]
    [InlineData("quality assurer")]
    [InlineData("employer")]
    public void PutOnHold_BySomeoneOtherThanAnAdmin_IsRefused(string who)
    {
        var scenario = CaseScenario.In(CaseState.Graded);
        var actor = who switch { "assessor" => Actors.Assessor, "quality assurer" => Actors.QualityAssurer, _ => Actors.Employer };

        var outcome = scenario.Workflow().PutOnHold(scenario.Case, actor, Actors.Parties, Malpractice);

        Assert.Equal("Only an admin can put a case on hold.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void PutOnHold_Twice_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Graded);
        var workflow = scenario.Workflow();
        workflow.PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        Assert.Equal("The case is already on hold.", Assert.Single(workflow.PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice).Problems));
    }

    [Fact]
    public void PutOnHold_AWithdrawnCase_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Withdrawn);

        Assert.Equal("A case that is 'Withdrawn' cannot be put on hold.", Assert.Single(scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice).Problems));
    }

    [Fact]
    public void Resume_ACaseNotOnHold_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Graded);

        Assert.Equal("The case is not on hold.", Assert.Single(scenario.Workflow().Resume(scenario.Case, Actors.Admin, Actors.Parties, "Why not").Problems));
    }

    [Fact]
    public void Resume_ByTheEmployer_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Graded);
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        var outcome = scenario.Workflow().Resume(scenario.Case, Actors.Employer, Actors.Parties, "We disagree");

        Assert.Equal("Only an admin can resume a case.", Assert.Single(outcome.Problems));
        Assert.True(scenario.Case.IsOnHold);
    }

    [Fact]
    public void CaseOnHold_RefusesAssessorAllocation()
    {
        var scenario = CaseScenario.In(CaseState.GatewayApproved);
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        var outcome = scenario.Workflow().AllocateAssessor(scenario.Case, Actors.Admin, Actors.OtherAssessor, Array.Empty<ConflictOfInterest>(), scenario.Facts());

        Assert.Equal($"The case is on hold ({Malpractice}): it can only be resumed or withdrawn.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void CaseOnHold_LocksThePortfolio()
    {
        var scenario = CaseScenario.In(CaseState.Registered);
        scenario.Case.PortfolioSubmittedAt = null;
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        Assert.True(scenario.Case.IsPortfolioLocked);
    }

    [Fact]
    public void CaseOnHold_RefusesTheClockOpeningTheProjectWindow()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ProjectScheduled, CaseState.ProjectInProgress);
        scenario.Workflow().PutOnHold(scenario.Case, Actors.Admin, Actors.Parties, Malpractice);

        Assert.False(scenario.Move(CaseState.ProjectInProgress, Actor.System).Succeeded);
    }
}
