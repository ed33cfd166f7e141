using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Bulk allocation's proposal (issue 21, item 3): the workflow's refusals, capacity and workload balance.</summary>
[Trait("Category", "Unit")]
public class AllocationPlannerTests
{
    private static readonly IReadOnlyList<string> Allowed = [];

    [Fact]
    public void Propose_BalancesTheWorkload_TheFewestOpenCasesFirst()
    {
        var assessors = new[] { new AllocationCandidate("a", "Ann", 3, null), new AllocationCandidate("b", "Ben", 0, null) };

        var plan = AllocationPlanner.Propose([1, 2, 3, 4, 5], assessors, (_, _) => Allowed);

        // Ben starts at 0 and takes cases until he reaches Ann's 3; then they alternate (ties by name: Ann first).
        Assert.Equal(["b", "b", "b", "a", "b"], plan.Cases.Select(c => c.AssessorId));
        Assert.Equal((1, 4), (plan.Assessors[0].Proposed, plan.Assessors[1].Proposed));
        Assert.Equal("Proposed for 4 cases.", plan.Assessors[1].Why);
    }

    [Fact]
    public void Propose_NeverProposesAnAssessorTheWorkflowRefuses_AndSaysWhy()
    {
        var assessors = new[] { new AllocationCandidate("a", "Ann", 0, null), new AllocationCandidate("b", "Ben", 5, null) };

        var plan = AllocationPlanner.Propose([1, 2], assessors, (caseId, assessorId) =>
            assessorId == "a" && caseId == 2 ? ["This assessor declared a conflict with Acme Ltd."] : Allowed);

        Assert.Equal("a", plan.Cases[0].AssessorId);
        Assert.Equal("b", plan.Cases[1].AssessorId);
        Assert.Equal("This assessor declared a conflict with Acme Ltd.", Assert.Single(plan.Cases[1].Others).Reason);
    }

    [Fact]
    public void Propose_RespectsCapacity_AndLeavesACaseUnproposedWhenEveryoneIsFull()
    {
        var assessors = new[] { new AllocationCandidate("a", "Ann", 1, 2), new AllocationCandidate("b", "Ben", 2, 3) };

        var plan = AllocationPlanner.Propose([1, 2, 3], assessors, (_, _) => Allowed);

        Assert.Equal(["a", "b", null], plan.Cases.Select(c => c.AssessorId));
        Assert.Equal("Nobody proposed: every assessor who may assess this case is at capacity.", plan.Cases[2].Why);
        Assert.All(plan.Cases[2].Others, o => Assert.StartsWith("At capacity:", o.Reason, StringComparison.Ordinal));
        Assert.All(plan.Assessors, a => Assert.True(a.Capacity is null || a.OpenAfter <= a.Capacity));
    }

    [Fact]
    public void Propose_PlacesTheMostConstrainedCaseFirst()
    {
        // Only Ann may take case 2; Ann has room for one. Given in order, case 1 would have taken her.
        var assessors = new[] { new AllocationCandidate("a", "Ann", 0, 1), new AllocationCandidate("b", "Ben", 1, null) };

        var plan = AllocationPlanner.Propose([1, 2], assessors, (caseId, assessorId) =>
            caseId == 2 && assessorId == "b" ? ["Ben is a party to this case and cannot assess it."] : Allowed);

        Assert.Equal([1, 2], plan.Cases.Select(c => c.CaseId));
        Assert.Equal(["b", "a"], plan.Cases.Select(c => c.AssessorId));
    }

    [Fact]
    public void Propose_AnAssessorWhoMayTakeNone_IsSummarisedWithTheReason()
    {
        var assessors = new[] { new AllocationCandidate("a", "Ann", 0, null), new AllocationCandidate("b", "Ben", 0, null) };

        var plan = AllocationPlanner.Propose([1], assessors, (_, assessorId) => assessorId == "a" ? ["conflict"] : Allowed);

        Assert.Equal("Not proposed: may not assess any of these cases (conflict of interest or another role on them).", plan.Assessors[0].Why);
        Assert.Equal("Nobody proposed: no assessor may assess this case (see why for each).",
            AllocationPlanner.Propose([1], assessors, (_, _) => ["conflict"]).Cases[0].Why);
    }

    [Fact]
    public void CheckCapacity_AChoicePastAnAssessorsCapacity_IsRefusedSayingHowManyToMove()
    {
        var assessors = new[] { new AllocationCandidate("a", "Ann", 2, 3), new AllocationCandidate("b", "Ben", 9, null) };

        Assert.Empty(AllocationPlanner.CheckCapacity(["a", "b", "b"], assessors));
        Assert.Equal(
            "Ann has 2 cases open and a capacity of 3: choose someone else for 2 of the 3 cases given to them.",
            Assert.Single(AllocationPlanner.CheckCapacity(["a", "a", "a", "b"], assessors)));
    }
}
