using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>The moderation rules (issue 21, item 5): which grades, the reason, the cap, and the grade released.</summary>
[Trait("Category", "Unit")]
public class ModerationTests
{
    private static IReadOnlyList<string> Check(ModerationRequest request, QaStatus status = QaStatus.Pending, Grade assessor = Grade.Merit, AttemptKind kind = AttemptKind.First, Grade? cap = null, bool exceptional = false) =>
        Moderation.Problems(status, assessor, kind, cap, exceptional, request);

    [Theory]
    [InlineData(Grade.Pass)]
    [InlineData(Grade.Distinction)]
    public void Problems_AnotherGradeWithAReason_None(Grade grade)
    {
        Assert.Empty(Check(new ModerationRequest(grade, "The How evidence supports more.", null)));
    }

    [Fact]
    public void Problems_AFailWithItsNextStep_None()
    {
        Assert.Empty(Check(new ModerationRequest(Grade.Fail, "Two criteria not met.", AttemptKind.Resit)));
    }

    [Fact]
    public void Problems_AFailWithoutItsNextStep_AsksForIt()
    {
        Assert.Equal(["A moderated Fail needs the recommended next step: a re-sit or a re-take."], Check(new ModerationRequest(Grade.Fail, "Two criteria not met.", null)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Problems_NoReason_AsksForIt(string? reason)
    {
        Assert.Equal(["Give the reason for the moderated grade: the assessor reads it."], Check(new ModerationRequest(Grade.Pass, reason, null)));
    }

    [Fact]
    public void Problems_AReasonTooLong_SaysTheLimit()
    {
        Assert.Equal([$"Keep the reason to {FieldLengths.Reason} characters."], Check(new ModerationRequest(Grade.Pass, new string('a', FieldLengths.Reason + 1), null)));
    }

    [Fact]
    public void Problems_NoGradeOrAnUnknownOne_AsksForOneOfTheFour()
    {
        Assert.Contains("Choose the moderated grade: Pass, Merit, Distinction or Fail.", Check(new ModerationRequest(null, "Reason", null)));
        Assert.Contains("Choose the moderated grade: Pass, Merit, Distinction or Fail.", Check(new ModerationRequest((Grade)7, "Reason", null)));
    }

    [Fact]
    public void Problems_TheAssessorsOwnGrade_SaysApproveInstead()
    {
        Assert.Equal(["The assessor's grade is already Merit: approve it instead, or choose another grade."], Check(new ModerationRequest(Grade.Merit, "Reason", null)));
    }

    [Theory]
    [InlineData(QaStatus.NotSampled)]
    [InlineData(QaStatus.Approved)]
    [InlineData(QaStatus.Returned)]
    public void Problems_AGradeNotAwaitingQa_CannotBeModerated(QaStatus status)
    {
        Assert.Contains("Only a grade awaiting quality assurance can be moderated.", Check(new ModerationRequest(Grade.Pass, "Reason", null), status));
    }

    [Fact]
    public void Problems_AboveTheCapOfAResit_Refused_UnlessExceptionalCircumstances()
    {
        var request = new ModerationRequest(Grade.Distinction, "Reason", null);

        Assert.Equal(["This re-sit is capped at Pass: the moderated grade cannot be higher."], Check(request, assessor: Grade.Pass, kind: AttemptKind.Resit, cap: Grade.Pass));
        Assert.Empty(Check(request, assessor: Grade.Pass, kind: AttemptKind.Resit, cap: Grade.Pass, exceptional: true));
    }

    [Theory]
    [InlineData(Grade.Merit, null, Grade.Merit)]
    [InlineData(Grade.Merit, Grade.Pass, Grade.Pass)]
    [InlineData(Grade.Fail, Grade.Pass, Grade.Pass)]
    public void Released_IsTheModeratedGrade_WhenThereIsOne(Grade assessor, Grade? moderated, Grade released)
    {
        Assert.Equal(released, Moderation.Released(assessor, moderated));
    }

    [Fact]
    public void Moderate_KeepsTheAssessorsGradeAndNextStep_AndReleasesTheModeratedOnes()
    {
        var decision = new GradeDecision(1, 1, "assessor", Grade.Merit, Grade.Merit, "reasons", DateTimeOffset.UnixEpoch) { Recommendation = null };

        decision.Moderate(Grade.Fail, "  Two criteria not met.  ", AttemptKind.Retake, "qa", DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.Equal((Grade.Merit, Grade.Fail, Grade.Fail), (decision.FinalGrade, decision.ModeratedGrade, decision.ReleasedGrade));
        Assert.Equal((null, AttemptKind.Retake, AttemptKind.Retake), (decision.Recommendation, decision.ModerationRecommendation, decision.ReleasedRecommendation));
        Assert.Equal(("Two criteria not met.", "qa"), (decision.ModerationReason, decision.ModeratedById));
        Assert.True(decision.IsModerated);
    }

    [Fact]
    public void Moderate_ToAPass_DropsTheNextStep_AndAnUnmoderatedDecisionReleasesTheAssessorsGrade()
    {
        var failed = new GradeDecision(1, 1, "assessor", Grade.Fail, Grade.Fail, "reasons", DateTimeOffset.UnixEpoch) { Recommendation = AttemptKind.Resit };
        Assert.Equal((Grade.Fail, AttemptKind.Resit, false), (failed.ReleasedGrade, failed.ReleasedRecommendation, failed.IsModerated));

        failed.Moderate(Grade.Pass, "The interview evidence meets every pass criterion.", AttemptKind.Resit, "qa", DateTimeOffset.UnixEpoch);

        Assert.Equal((Grade.Pass, null), (failed.ReleasedGrade, failed.ReleasedRecommendation));
        Assert.Equal(Grade.Fail, failed.FinalGrade);
    }
}
