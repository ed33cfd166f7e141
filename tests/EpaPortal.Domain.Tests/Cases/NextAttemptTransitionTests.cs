using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Re-sits and re-takes: only after a Fail, with the employer's agreement, as a new attempt.</summary>
[Trait("Category", "Unit")]
public class NextAttemptTransitionTests
{
    [Theory]
    [InlineData(CaseState.ResitPlanned, AttemptKind.Resit, "Attempt 2 (re-sit)")]
    [InlineData(CaseState.RetakePlanned, AttemptKind.Retake, "Attempt 2 (re-take)")]
    public void PlanNextAttempt_AfterAFail_StartsAttemptTwoOfThatKind(CaseState target, AttemptKind kind, string details)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, target);

        var outcome = scenario.Move(target, Actors.Admin);

        Assert.Equal((2, kind), (scenario.Case.Attempt, scenario.Case.AttemptKind));
        Assert.Equal(details, outcome.Audit!.Details);
        Assert.Null(scenario.Case.ResultReleasedAt);
        Assert.Null(scenario.Case.AppealDeadline);
    }

    [Theory]
    [InlineData(CaseState.ResitPlanned, Grade.Pass)]
    [InlineData(CaseState.ResitPlanned, Grade.Merit)]
    [InlineData(CaseState.RetakePlanned, Grade.Pass)]
    [InlineData(CaseState.RetakePlanned, Grade.Distinction)]
    public void PlanNextAttempt_AfterAPassingGrade_IsRefused(CaseState target, Grade grade)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, target);
        scenario.Decision = new GradeDecision(42, 1, Actors.AssessorId, grade, grade, "…", scenario.Now);

        var outcome = scenario.Move(target, Actors.Admin);

        Assert.Equal($"A {grade} cannot be re-sat or re-taken to improve it: only a Fail leads to a new attempt.", Assert.Single(outcome.Problems));
        Assert.Equal(1, scenario.Case.Attempt);
    }

    [Theory]
    [InlineData(CaseState.ResitPlanned, "The employer has not agreed to the re-sit.")]
    [InlineData(CaseState.RetakePlanned, "The employer has not agreed to the re-take.")]
    public void PlanNextAttempt_WithoutTheEmployersAgreement_IsRefused(CaseState target, string expected)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, target);
        scenario.EmployerAgreed = false;

        Assert.Equal(expected, Assert.Single(scenario.Move(target, Actors.Admin).Problems));
    }

    [Fact]
    public void PlanNextAttempt_WithNoResult_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.ResitPlanned);
        scenario.Decision = null;

        Assert.Equal("The result of this attempt is not known.", Assert.Single(scenario.Move(CaseState.ResitPlanned, Actors.Admin).Problems));
    }

    [Fact]
    public void ResitProject_WithItsOwnBrief_IsScheduledForAttemptTwo()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.ResitPlanned);
        scenario.Move(CaseState.ResitPlanned, Actors.Admin);
        scenario.Project = CaseScenario.NewProject(attempt: 2, scenario.Now.AddDays(10));

        var outcome = scenario.Move(CaseState.ProjectScheduled, Actors.Admin);

        Assert.True(outcome.Succeeded);
        Assert.Equal((CaseState.ProjectScheduled, 2), (scenario.Case.State, scenario.Case.Attempt));
    }
}
