using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The holistic override (justified, always to QA), the re-sit/re-take cap, and "a Pass cannot be re-sat".</summary>
[Trait("Category", "Unit")]
public class GradeOverrideAndCapTests
{
    public static TheoryData<Grade, Grade> EveryComputedAndProposedGrade()
    {
        var data = new TheoryData<Grade, Grade>();
        foreach (var computed in Enum.GetValues<Grade>())
        {
            foreach (var proposed in Enum.GetValues<Grade>())
            {
                data.Add(computed, proposed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryComputedAndProposedGrade))]
    public void Override_WithAJustification_GivesTheProposedGradeAndFlagsOnlyARealChange(Grade computed, Grade proposed)
    {
        var result = GradingService.ApplyOverride(computed, proposed, "Interview showed far more than the portfolio.");

        Assert.Equal(proposed, result.Grade);
        Assert.Equal(computed != proposed, result.IsOverride);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void Override_WithoutAJustification_IsRefused()
    {
        var result = GradingService.ApplyOverride(Grade.Pass, Grade.Merit, "  ");

        Assert.Equal("A grade other than the computed one (Pass) needs a written justification.", result.Problem);
        Assert.Equal(Grade.Pass, result.Grade);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Grade.Merit)]
    public void NoOverride_WhenNothingOrTheComputedGradeIsProposed_NeedsNoJustification(Grade? proposed)
    {
        var result = GradingService.ApplyOverride(Grade.Merit, proposed, null);

        Assert.Equal((Grade.Merit, false, (string?)null, (string?)null), (result.Grade, result.IsOverride, result.Problem, result.Reason));
    }

    [Fact]
    public void Override_Explains_FromWhatToWhatAndWhy()
    {
        var result = GradingService.ApplyOverride(Grade.Pass, Grade.Merit, " Exceptional interview. ");

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
