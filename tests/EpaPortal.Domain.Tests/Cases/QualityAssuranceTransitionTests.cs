using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Internal quality assurance: independent of the assessor, overrides always checked, sampling.</summary>
[Trait("Category", "Unit")]
public class QualityAssuranceTransitionTests
{
    private static readonly DateTimeOffset Now = TestClock.Now;

    [Fact]
    public void ApproveGrade_ByAQualityAssurer_RecordsTheDecisionDate()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);

        var outcome = scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer);

        Assert.True(outcome.Succeeded);
        var decision = scenario.Decision!;
        Assert.Equal((QaStatus.Approved, "qa-1", Now, new DateOnly(2027, 3, 3)), (decision.QaStatus, decision.QaById, decision.QaAt, decision.QaDecisionDate));
    }

    [Fact]
    public void ApproveGrade_ByTheAllocatedAssessorWhoIsAlsoAQualityAssurer_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        var assessorAndQa = new Actor(Actors.AssessorId, "Sam Assessor", [PortalRole.Assessor, PortalRole.QualityAssurer]);

        var outcome = scenario.Move(CaseState.IqaApproved, assessorAndQa);

        Assert.Equal("Only a quality assurer who is not the case's assessor can approve the grade.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void ApproveGrade_ByAQualityAssurerWhoAssessedAnEarlierAttempt_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.EarlierAssessorIds.Add("qa-1");

        Assert.Equal("You assessed this case, so you cannot approve its grade.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void ApproveGrade_ByAQualityAssurerWhoDecidedTheGradeBeforeReallocation_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision = new GradeDecision(42, 1, "qa-1", Grade.Pass, Grade.Pass, "Pass", Now) { QaStatus = QaStatus.Pending };

        Assert.Equal("You assessed this case, so you cannot approve its grade.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void ApproveGrade_WithNoGrade_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision = null;

        Assert.Equal("There is no grade to quality-assure.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void ApproveGrade_AlreadyReturned_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.QaStatus = QaStatus.Returned;

        Assert.Equal("This grade is not awaiting quality assurance.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void ApproveGrade_SampledForQa_ByAnAdmin_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);

        Assert.Equal("This grade was sampled for quality assurance: a quality assurer must approve it.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.Admin).Problems));
    }

    [Fact]
    public void ApproveGrade_NotSampled_ByThePortal_PassesStraightThroughWithADecisionDate()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.QaStatus = QaStatus.NotSampled;

        var outcome = scenario.Move(CaseState.IqaApproved, Actor.System);

        Assert.True(outcome.Succeeded);
        Assert.Equal((QaStatus.NotSampled, (string?)null, (DateOnly?)new DateOnly(2027, 3, 3)), (scenario.Decision.QaStatus, scenario.Decision.QaById, scenario.Decision.QaDecisionDate));
    }

    [Fact]
    public void ApproveGrade_NotSampledButOverridden_IsRefusedWithoutAQualityAssurer()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.QaStatus = QaStatus.NotSampled;
        scenario.Decision.OverrideJustification = "Exceptional interview performance.";

        Assert.Equal("An overridden grade must be checked by a quality assurer.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.Admin).Problems));
    }

    [Fact]
    public void ApproveGrade_NotSampled_ByAnAdminWhoIsTheCasesAssessor_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.QaStatus = QaStatus.NotSampled;
        var adminAssessor = new Actor(Actors.AssessorId, "Sam Assessor", [PortalRole.Assessor, PortalRole.Admin]);

        Assert.Equal("You assessed this case, so you cannot approve its grade.", Assert.Single(scenario.Move(CaseState.IqaApproved, adminAssessor).Problems));
    }

    [Fact]
    public void ApproveGrade_Overridden_ByAQualityAssurer_IsApproved()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.OverrideJustification = "Exceptional interview performance.";

        Assert.True(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Succeeded);
    }

    [Theory]
    [InlineData(CaseState.PreInterviewReview)]
    [InlineData(CaseState.InterviewCompleted)]
    public void ReturnGrade_WithAReason_MarksItReturned(CaseState target)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, target);

        var outcome = scenario.Move(target, Actors.QualityAssurer, "How is Above but C8 cites no evidence.");

        Assert.True(outcome.Succeeded);
        Assert.Equal((QaStatus.Returned, "How is Above but C8 cites no evidence.", "qa-1"), (scenario.Decision!.QaStatus, scenario.Decision.QaReturnReason, scenario.Decision.QaById));
    }

    [Theory]
    [InlineData(CaseState.PreInterviewReview)]
    [InlineData(CaseState.InterviewCompleted)]
    public void ReturnGrade_WithoutAReason_IsRefused(CaseState target)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, target);

        Assert.Equal("Give the reason for returning the grade.", Assert.Single(scenario.Move(target, Actors.QualityAssurer, "  ").Problems));
    }

    [Fact]
    public void ReturnGrade_ByAQualityAssurerWhoAssessedAnEarlierAttempt_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.PreInterviewReview);
        scenario.EarlierAssessorIds.Add("qa-1");

        Assert.Equal("You assessed this case, so you cannot quality-assure it.", Assert.Single(scenario.Move(CaseState.PreInterviewReview, Actors.QualityAssurer).Problems));
    }

    [Fact]
    public void ApproveGrade_ByAnAdminWhoIsAlsoAQualityAssurer_ApprovesAsQualityAssurer()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        var adminQa = new Actor("admin-qa", "Pat", [PortalRole.Admin, PortalRole.QualityAssurer]);

        scenario.Move(CaseState.IqaApproved, adminQa);

        Assert.Equal(QaStatus.Approved, scenario.Decision!.QaStatus);
    }

    [Fact]
    public void ApproveGrade_NotSampledAfterAQaReturn_IsRefusedWithoutAQualityAssurer()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.Decision!.QaStatus = QaStatus.NotSampled;
        scenario.GradeReturnedByQa = true;

        Assert.Equal("This grade was re-made after quality assurance returned the case: a quality assurer must approve it.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actors.Admin).Problems));
        Assert.Equal(CaseState.Graded, scenario.Case.State);
    }

    [Fact]
    public void ApproveGrade_NotSampledFail_IsRefusedWithoutAQualityAssurer()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.MakeDecisionFail();
        scenario.Decision!.QaStatus = QaStatus.NotSampled;

        Assert.Equal("A Fail must be checked by a quality assurer.", Assert.Single(scenario.Move(CaseState.IqaApproved, Actor.System).Problems));
    }

    [Fact]
    public void ApproveGrade_AfterAQaReturn_ByAQualityAssurer_IsApproved()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Graded, CaseState.IqaApproved);
        scenario.GradeReturnedByQa = true;

        Assert.True(scenario.Move(CaseState.IqaApproved, Actors.QualityAssurer).Succeeded);
        Assert.Equal(QaStatus.Approved, scenario.Decision!.QaStatus);
    }

    [Fact]
    public void ReleaseResult_NotSampledAfterAQaReturn_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.IqaApproved, CaseState.ResultReleased);
        scenario.Decision!.QaStatus = QaStatus.NotSampled;
        scenario.GradeReturnedByQa = true;

        Assert.Equal(
            "The grade has not been approved by quality assurance. This grade was re-made after quality assurance returned the case: a quality assurer must approve it.",
            Assert.Single(scenario.Move(CaseState.ResultReleased, Actors.Admin).Problems));
        Assert.Null(scenario.Case.ResultReleasedAt);
    }
}
