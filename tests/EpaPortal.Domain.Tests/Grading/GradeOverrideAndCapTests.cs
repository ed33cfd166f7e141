using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The holistic override (justified, always to QA, never across Fail), the re-sit/re-take cap, and "a Pass cannot be re-sat".</summary>
[Trait("Category", "Unit")]
public class GradeOverrideAndCapTests
{
    private static readonly Grade[] PassGrades = [Grade.Pass, Grade.Merit, Grade.Distinction];

    /// <summary>Every pair on the same side of Fail: the pass grades among themselves, and Fail as Fail.</summary>
    public static TheoryData<Grade, Grade> EveryComputedAndProposedPassGrade()
    {
        var data = new TheoryData<Grade, Grade> { { Grade.Fail, Grade.Fail } };
        foreach (var computed in PassGrades)
        {
            foreach (var proposed in PassGrades)
            {
                data.Add(computed, proposed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryComputedAndProposedPassGrade))]
    public void Override_WithAJustification_GivesTheProposedGradeAndFlagsOnlyARealChange(Grade computed, Grade proposed)
    {
        var result = GradingService.ApplyOverride(computed, proposed, "Interview showed far more than the portfolio.", GradingScheme.HolisticAreas);

        Assert.Equal(proposed, result.Grade);
        Assert.Equal(computed != proposed, result.IsOverride);
        Assert.Null(result.Problem);
    }

    [Theory]
    [InlineData(Grade.Pass, GradingScheme.HolisticAreas)]
    [InlineData(Grade.Merit, GradingScheme.HolisticAreas)]
    [InlineData(Grade.Distinction, GradingScheme.HolisticAreas)]
    [InlineData(Grade.Distinction, GradingScheme.CriteriaPerMethod)]
    public void Override_OfAComputedFailToAPassGrade_IsRefused(Grade proposed, GradingScheme scheme)
    {
        var result = GradingService.ApplyOverride(Grade.Fail, proposed, "The interview was far stronger than the portfolio.", scheme);

        Assert.Equal(Grade.Fail, result.Grade);
        Assert.StartsWith($"An override cannot turn a Fail into {proposed}: ", result.Problem, StringComparison.Ordinal);
        Assert.Null(result.Reason);
    }

    [Theory]
    [InlineData(Grade.Pass, GradingScheme.HolisticAreas)]
    [InlineData(Grade.Merit, GradingScheme.HolisticAreas)]
    [InlineData(Grade.Distinction, GradingScheme.CriteriaPerMethod)]
    public void Override_OfAPassGradeToFail_IsRefused(Grade computed, GradingScheme scheme)
    {
        var result = GradingService.ApplyOverride(computed, Grade.Fail, "The project was not the apprentice's own work.", scheme);

        Assert.Equal(computed, result.Grade);
        Assert.StartsWith($"An override cannot turn {computed} into a Fail: ", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_AcrossTheFailBoundary_SaysWhatToChangeInEachScheme()
    {
        Assert.Equal(
            "An override cannot turn a Fail into Pass: an area judged Below always means Fail. If the evidence shows the area at the expected level, change that area's judgement instead.",
            GradingService.ApplyOverride(Grade.Fail, Grade.Pass, null, GradingScheme.HolisticAreas).Problem);
        Assert.Equal(
            "An override cannot turn Merit into a Fail: a Fail needs an area judged Below. If the evidence shows an area below the expected level, judge that area Below (with its rationale) instead.",
            GradingService.ApplyOverride(Grade.Merit, Grade.Fail, "Reason", GradingScheme.HolisticAreas).Problem);
        Assert.Equal(
            "An override cannot turn a Fail into Merit: a method whose pass criteria are not all met always means Fail. If the evidence meets those criteria, record them as met instead.",
            GradingService.ApplyOverride(Grade.Fail, Grade.Merit, "Reason", GradingScheme.CriteriaPerMethod).Problem);
        Assert.Equal(
            "An override cannot turn Pass into a Fail: a Fail needs a method whose pass criteria are not all met. If a pass criterion is not met, record it as not met instead.",
            GradingService.ApplyOverride(Grade.Pass, Grade.Fail, "Reason", GradingScheme.CriteriaPerMethod).Problem);
    }

    [Fact]
    public void Override_WithoutAJustification_IsRefused()
    {
        var result = GradingService.ApplyOverride(Grade.Pass, Grade.Merit, "  ", GradingScheme.HolisticAreas);

        Assert.Equal("A grade other than the computed one (Pass) needs a written justification.", result.Problem);
        Assert.Equal(Grade.Pass, result.Grade);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Grade.Merit)]
    public void NoOverride_WhenNothingOrTheComputedGradeIsProposed_NeedsNoJustification(Grade? proposed)
    {
        var result = GradingService.ApplyOverride(Grade.Merit, proposed, null, GradingScheme.HolisticAreas);

        Assert.Equal((Grade.Merit, false, (string?)null, (string?)null), (result.Grade, result.IsOverride, result.Problem, result.Reason));
    }

    [Fact]
    public void Override_Explains_FromWhatToWhatAndWhy()
    {
        var result = GradingService.ApplyOverride(Grade.Pass, Grade.Merit, " Exceptional interview. ", GradingScheme.HolisticAreas);

        Assert.Equal("Overridden from Pass to Merit by the assessor: Exceptional interview. (this override goes to quality assurance).", result.Reason);
    }

    [Theory]
    [InlineData(AttemptKind.First, Grade.Pass, Grade.Distinction, false, Grade.Distinction, null)]
    [InlineData(AttemptKind.Resit, null, Grade.Distinction, false, Grade.Distinction, null)]
    [InlineData(AttemptKind.Retake, null, Grade.Distinction, false, Grade.Distinction, null)]
    [InlineData(AttemptKind.Resit, Grade.Pass, Grade.Distinction, false, Grade.Pass, Grade.Distinction)]
    [InlineData(AttemptKind.Resit, Grade.Pass, Grade.Merit, false, Grade.Pass, Grade.Merit)]
    [InlineData(AttemptKind.Resit, Grade.Pass, Grade.Pass, false, Grade.Pass, null)]
    [InlineData(AttemptKind.Resit, Grade.Pass, Grade.Fail, false, Grade.Fail, null)]
    [InlineData(AttemptKind.Retake, Grade.Merit, Grade.Distinction, false, Grade.Merit, Grade.Distinction)]
    [InlineData(AttemptKind.Retake, Grade.Merit, Grade.Merit, false, Grade.Merit, null)]
    [InlineData(AttemptKind.Retake, Grade.Pass, Grade.Merit, false, Grade.Pass, Grade.Merit)]
    [InlineData(AttemptKind.Resit, Grade.Pass, Grade.Distinction, true, Grade.Distinction, null)]
    [InlineData(AttemptKind.Retake, Grade.Pass, Grade.Merit, true, Grade.Merit, null)]
    public void Cap_ByAttemptKindCapAndExceptionalCircumstances_FollowsTheRule(AttemptKind kind, Grade? cap, Grade grade, bool exceptional, Grade expected, Grade? cappedFrom)
    {
        var result = ResitRules.ApplyCap(grade, kind, cap, exceptional);

        Assert.Equal((expected, cappedFrom), (result.Grade, result.CappedFrom));
    }

    [Fact]
    public void Cap_WhenItLowersTheGrade_SaysWhy()
    {
        var result = ResitRules.ApplyCap(Grade.Distinction, AttemptKind.Resit, Grade.Pass, exceptionalCircumstances: false);

        Assert.Equal("Capped at Pass because this is a re-sit: re-sits and re-takes of this standard version are capped at Pass (the judgements gave Distinction).", result.Reason);
    }

    [Fact]
    public void Cap_LiftedByExceptionalCircumstances_SaysSoWithTheReason()
    {
        var result = ResitRules.ApplyCap(Grade.Merit, AttemptKind.Retake, Grade.Pass, exceptionalCircumstances: true, "Bereavement during the first attempt");

        Assert.Equal("Not capped at Pass although this is a re-take: an admin recorded exceptional circumstances (Bereavement during the first attempt).", result.Reason);
    }

    [Theory]
    [InlineData(Grade.Pass)]
    [InlineData(Grade.Merit)]
    [InlineData(Grade.Distinction)]
    public void NextAttempt_AfterAPassingGrade_IsRefused(Grade grade)
    {
        Assert.Equal($"A {grade} cannot be re-sat or re-taken to improve it: only a Fail leads to a new attempt.", ResitRules.NextAttemptRefusal(grade));
    }

    [Fact]
    public void NextAttempt_AfterAFail_IsAllowed()
    {
        Assert.Null(ResitRules.NextAttemptRefusal(Grade.Fail));
    }
}
