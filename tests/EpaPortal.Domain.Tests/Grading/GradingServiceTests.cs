using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Tests.TestData;
using static EpaPortal.Domain.Assessment.AreaLevel;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>Deciding an attempt's grade: computed grade, then override, then cap, as a GradeDecision to save.</summary>
[Trait("Category", "Unit")]
public class GradingServiceTests
{
    private static readonly GradingService Service = new(TestClock.At(TestClock.Now));

    [Fact]
    public void Decide_WithCompleteJudgements_ReturnsADecisionAwaitingQa()
    {
        var (epaCase, version) = Graded(AttemptKind.First);
        var judgement = JudgementBuilder.For(version).WithLevels(Above, Expected, Above).Build();

        var outcome = Service.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, new GradeProposal(Feedback: " Well done. "));

        var decision = outcome.Decision!;
        Assert.Equal((42, 1, "assessor-1", Grade.Merit, Grade.Merit, TestClock.Now, QaStatus.Pending), (decision.CaseId, decision.Attempt, decision.AssessorId, decision.ComputedGrade, decision.FinalGrade, decision.DecidedAt, decision.QaStatus));
        Assert.Equal("Well done.", decision.Feedback);
        Assert.False(outcome.RequiresQualityAssurance);
        Assert.StartsWith("Merit because What is Above and With Whom is Above.\nWhat: Above — ", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithAJustifiedOverride_RecordsItAndRequiresQa()
    {
        var (epaCase, version) = Graded(AttemptKind.First);
        var judgement = JudgementBuilder.For(version).Build();

        var outcome = Service.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, new GradeProposal(Grade.Merit, "Outstanding interview on security."));

        var decision = outcome.Decision!;
        Assert.Equal((Grade.Pass, Grade.Merit, true, "Outstanding interview on security."), (decision.ComputedGrade, decision.FinalGrade, decision.IsOverride, decision.OverrideJustification));
        Assert.True(outcome.RequiresQualityAssurance);
        Assert.Contains("Overridden from Pass to Merit by the assessor: Outstanding interview on security.", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithAnUnjustifiedOverride_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Grade.Distinction));

        Assert.Equal("A grade other than the computed one (Pass) needs a written justification.", Assert.Single(outcome.Problems));
        Assert.Null(outcome.Decision);
    }

    [Fact]
    public void Decide_OverridingAComputedFailToAPass_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);
        var judgement = JudgementBuilder.For(version).WithLevels(Above, Below, Above).Build();

        var outcome = Service.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, new GradeProposal(Grade.Pass, "Strong interview makes up for How.", AttemptKind.Resit));

        Assert.Null(outcome.Decision);
        Assert.Equal(Grade.Fail, outcome.Calculation!.Grade);
        Assert.StartsWith("An override cannot turn a Fail into Pass: an area judged Below always means Fail.", Assert.Single(outcome.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OverridingAComputedPassToFail_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Grade.Fail, "Weak interview.", AttemptKind.Retake));

        Assert.Null(outcome.Decision);
        Assert.StartsWith("An override cannot turn Pass into a Fail: a Fail needs an area judged Below.", Assert.Single(outcome.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Grade.Pass, Grade.Merit)]
    [InlineData(Grade.Merit, Grade.Pass)]
    [InlineData(Grade.Pass, Grade.Distinction)]
    public void Decide_AnOverrideBetweenPassGrades_OfACriteriaPerMethodPlan_IsAllowed(Grade computed, Grade proposed)
    {
        var version = StandardVersions.CriteriaPerMethod(AssessmentMethod.Project, AssessmentMethod.Interview);
        var epaCase = CaseScenario.In(CaseState.InterviewCompleted).Case;
        var judgement = JudgementBuilder.For(version).WithMethodGrade(AssessmentMethod.Project, computed == Grade.Merit ? Grade.Distinction : Grade.Pass).Build();

        var decision = Service.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, new GradeProposal(proposed, "The interview showed more than the criteria capture.")).Decision!;

        Assert.Equal((computed, proposed, true), (decision.ComputedGrade, decision.FinalGrade, decision.IsOverride));
    }

    [Theory]
    [InlineData(Grade.Fail, Grade.Pass)]
    [InlineData(Grade.Pass, Grade.Fail)]
    public void Decide_AnOverrideAcrossFail_OfACriteriaPerMethodPlan_IsRefused(Grade computed, Grade proposed)
    {
        var version = StandardVersions.CriteriaPerMethod(AssessmentMethod.Project, AssessmentMethod.Interview);
        var epaCase = CaseScenario.In(CaseState.InterviewCompleted).Case;
        var judgement = JudgementBuilder.For(version).WithMethodGrade(AssessmentMethod.Project, computed).Build();

        var outcome = Service.Decide(epaCase, version, judgement, AssessmentProgress.AllAssessed, new GradeProposal(proposed, "Holistic view.", AttemptKind.Resit));

        Assert.Null(outcome.Decision);
        Assert.Equal(computed, outcome.Calculation!.Grade);
        Assert.Contains(outcome.Problems, p => p.StartsWith("An override cannot turn ", StringComparison.Ordinal) && p.Contains("pass criteria are not all met", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_OnAResitWithACap_CapsTheGradeAndSaysSo()
    {
        var (epaCase, version) = Graded(AttemptKind.Resit, cap: Grade.Pass);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).WithLevels(Above, Above, Above).Build(), AssessmentProgress.AllAssessed, new GradeProposal());

        var decision = outcome.Decision!;
        Assert.Equal((Grade.Distinction, Grade.Pass, (Grade?)Grade.Distinction), (decision.ComputedGrade, decision.FinalGrade, decision.CappedFrom));
        Assert.Contains("Capped at Pass because this is a re-sit", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OnAResitWithExceptionalCircumstances_DoesNotCap()
    {
        var (epaCase, version) = Graded(AttemptKind.Resit, cap: Grade.Pass);
        epaCase.ExceptionalCircumstances = true;
        epaCase.ExceptionalCircumstancesReason = "Hospital stay during attempt 1";

        var decision = Service.Decide(epaCase, version, JudgementBuilder.For(version).WithLevels(Above, Above, Above).Build(), AssessmentProgress.AllAssessed, new GradeProposal()).Decision!;

        Assert.Equal((Grade.Distinction, (Grade?)null), (decision.FinalGrade, decision.CappedFrom));
        Assert.Contains("exceptional circumstances (Hospital stay during attempt 1)", decision.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OnARetakeWithAnOverrideAboveTheCap_IsStillCapped()
    {
        var (epaCase, version) = Graded(AttemptKind.Retake, cap: Grade.Merit);

        var decision = Service.Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Grade.Distinction, "Exceptional work.")).Decision!;

        Assert.Equal((Grade.Pass, Grade.Merit, (Grade?)Grade.Distinction, true), (decision.ComputedGrade, decision.FinalGrade, decision.CappedFrom, decision.IsOverride));
    }

    [Fact]
    public void Decide_AFailWithoutARecommendation_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).WithLevel("How", Below).Build(), AssessmentProgress.AllAssessed, new GradeProposal());

        Assert.Equal("A Fail needs a recommendation: a re-sit (no further training) or a re-take (further training first).", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Decide_AFailWithFirstAttemptAsRecommendation_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        Assert.False(Service.Decide(epaCase, version, JudgementBuilder.For(version).WithLevel("How", Below).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Recommendation: AttemptKind.First)).Succeeded);
    }

    [Theory]
    [InlineData(AttemptKind.Resit, "Recommended next step: a re-sit (a new attempt without further training).")]
    [InlineData(AttemptKind.Retake, "Recommended next step: a re-take (further training, then a new attempt).")]
    public void Decide_AFailWithARecommendation_NamesTheUnmetAreaAndTheNextStep(AttemptKind recommendation, string line)
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var decision = Service.Decide(epaCase, version, JudgementBuilder.For(version).WithLevel("How", Below).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Recommendation: recommendation)).Decision!;

        Assert.Equal((Grade.Fail, (AttemptKind?)recommendation), (decision.FinalGrade, decision.Recommendation));
        var reasons = decision.Reasons.Split('\n');
        Assert.Equal("Fail because How is Below the expected level.", reasons[0]);
        Assert.Equal(line, reasons[^1]);
    }

    [Fact]
    public void Decide_APassWithARecommendation_DropsTheRecommendation()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var decision = Service.Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed, new GradeProposal(Recommendation: AttemptKind.Resit)).Decision!;

        Assert.Null(decision.Recommendation);
    }

    [Fact]
    public void Decide_WithAJudgementOfAnotherAttempt_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).ForAttempt(2).Build(), AssessmentProgress.AllAssessed, new GradeProposal());

        Assert.Equal("The judgement is for attempt 2, but the case is on attempt 1.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Decide_WithAJudgementByAnotherAssessor_IsRefused()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).ByAssessor("assessor-2").Build(), AssessmentProgress.AllAssessed, new GradeProposal());

        Assert.Equal("The judgement was written by an assessor who is not allocated to this case.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Decide_BeforeTheInterviewIsCompleted_IsRefusedWithTheSchemesReason()
    {
        var (epaCase, version) = Graded(AttemptKind.First);

        var outcome = Service.Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed with { InterviewCompleted = false }, new GradeProposal());

        Assert.Equal("The interview has not been completed.", Assert.Single(outcome.Problems));
        Assert.False(outcome.Calculation!.Succeeded);
    }

    [Fact]
    public void Decide_UsesTheClockForTheDecisionTime()
    {
        var later = TestClock.Now.AddHours(5);
        var (epaCase, version) = Graded(AttemptKind.First);

        var decision = new GradingService(TestClock.At(later)).Decide(epaCase, version, JudgementBuilder.For(version).Build(), AssessmentProgress.AllAssessed, new GradeProposal()).Decision!;

        Assert.Equal(later, decision.DecidedAt);
    }

    private static (EpaCase Case, Domain.Standards.StandardVersion Version) Graded(AttemptKind kind, Grade? cap = null)
    {
        var scenario = CaseScenario.In(CaseState.InterviewCompleted);
        scenario.Case.AttemptKind = kind;
        return (scenario.Case, StandardVersions.St0128V1(s => s.ResitGradeCap = cap));
    }
}
