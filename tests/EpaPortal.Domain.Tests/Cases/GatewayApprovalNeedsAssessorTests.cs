using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>
/// domain.md section 5: the gateway is approved with "an assessor without conflict allocated", so an
/// assessor can be allocated from the gateway submission on, and approval waits for one.
/// </summary>
[Trait("Category", "Unit")]
public class GatewayApprovalNeedsAssessorTests
{
    [Fact]
    public void ApproveGateway_WithNoAssessorAllocated_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Case.AssessorId = null;

        var outcome = scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.Equal("Allocate an assessor before approving the gateway.", Assert.Single(outcome.Problems));
        Assert.Equal(CaseState.GatewaySubmitted, scenario.Case.State);
    }

    [Fact]
    public void ApproveGateway_WhenTheAllocatedAssessorNowHasAConflict_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Conflicts.Add(new ConflictOfInterest(Actors.AssessorId, Actors.AcmeId, "Former colleague", new DateOnly(2027, 1, 1), null, TestClock.Now));

        var outcome = scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.Equal("The allocated assessor declared a conflict with Acme Ltd: allocate another assessor before approving the gateway.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void AllocateThenApprove_OnASubmittedGateway_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Case.AssessorId = null;
        var workflow = scenario.Workflow();

        var allocated = workflow.AllocateAssessor(scenario.Case, Actors.Admin, Actors.OtherAssessor, [], scenario.Facts());
        var approved = scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.True(allocated.Succeeded);
        Assert.True(approved.Succeeded, string.Join(" ", approved.Problems));
        Assert.Equal("assessor-2", scenario.Case.AssessorId);
    }

    [Fact]
    public void AvailableTransitions_WithoutAnAssessor_OffersOnlyWithdrawal()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Case.AssessorId = null;

        var moves = scenario.Workflow().AvailableTransitions(scenario.Case, Actors.Admin, scenario.Facts());

        Assert.Equal([CaseState.Withdrawn], moves);
    }

    [Fact]
    public void CheckAllocation_ListsTheProblemsWithoutChangingTheCase()
    {
        var scenario = CaseScenario.In(CaseState.GatewaySubmitted);
        var conflict = new ConflictOfInterest("assessor-2", Actors.AcmeId, "Former employee", new DateOnly(2026, 1, 1), null, TestClock.Now);

        var problems = scenario.Workflow().CheckAllocation(scenario.Case, Actors.Admin, Actors.OtherAssessor, [conflict], scenario.Facts());
        var allowed = scenario.Workflow().CheckAllocation(scenario.Case, Actors.Admin, Actors.Assessor, [conflict], scenario.Facts());

        Assert.Equal("This assessor declared a conflict with Acme Ltd.", Assert.Single(problems));
        Assert.Empty(allowed);
        Assert.Null(scenario.Case.AssessorId);
    }

    [Fact]
    public void EndConflict_LastDay_StillInForceThenNotAfter()
    {
        var conflict = new ConflictOfInterest("assessor-2", Actors.AcmeId, "Former employee", new DateOnly(2026, 1, 1), null, TestClock.Now);

        conflict.End(new DateOnly(2027, 3, 3));

        Assert.True(conflict.IsInForceOn(new DateOnly(2027, 3, 3)));
        Assert.False(conflict.IsInForceOn(new DateOnly(2027, 3, 4)));
        Assert.Throws<ArgumentException>(() => conflict.End(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void KeepGatewayReview_WhenApprovalWaitsForAnAssessor_KeepsTheItemDecisionsAndLeavesTheCase()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Case.AssessorId = null;
        scenario.Gateway!.RecordReview(GatewayItem.Readiness, GatewayItemDecision.Rejected, "The declaration is unsigned.");

        var kept = scenario.Workflow().KeepGatewayReview(scenario.Case, Actors.Admin, scenario.Facts());

        Assert.True(kept.Succeeded);
        Assert.Equal((CaseActions.GatewayReviewKept, CaseState.GatewaySubmitted, CaseState.GatewaySubmitted), (kept.Audit!.Action, kept.Audit.From, kept.Audit.To));
        Assert.Contains("Readiness declaration: rejected", kept.Audit.Details, StringComparison.Ordinal);
        Assert.Equal(CaseState.GatewaySubmitted, scenario.Case.State);
        Assert.Null(scenario.Gateway.ReviewedAt);
    }

    [Theory]
    [InlineData(CaseState.GatewayApproved, "The gateway can only be reviewed while it is submitted; the case is 'Gateway approved'.")]
    [InlineData(CaseState.GatewayRejected, "The gateway can only be reviewed while it is submitted; the case is 'Gateway rejected'.")]
    public void KeepGatewayReview_OnceTheGatewayIsDecided_IsRefused(CaseState state, string problem)
    {
        var scenario = CaseScenario.In(state);

        Assert.Equal(problem, Assert.Single(scenario.Workflow().KeepGatewayReview(scenario.Case, Actors.Admin, scenario.Facts()).Problems));
    }

    [Fact]
    public void KeepGatewayReview_ByTheEmployer_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewaySubmitted);

        Assert.Equal("Only an admin can review the gateway.", Assert.Single(scenario.Workflow().KeepGatewayReview(scenario.Case, Actors.Employer, scenario.Facts()).Problems));
    }
}
