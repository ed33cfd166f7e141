using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>
/// The QA sampling rule (issue 16, item 1): overrides, Fails and decisions re-made after a QA return always
/// go to QA; the rest are sampled at the configured rate with an injected random source.
/// </summary>
[Trait("Category", "Unit")]
public class QaSamplingTests
{
    /// <summary>A random source that must not be asked (the rule decided without a draw).</summary>
    private static readonly QaSampling NoDraw = new(() => throw new InvalidOperationException("The rule drew a number it did not need."));

    private static QaSampling Drawing(int value) => new(() => value);

    [Fact]
    public void Decide_AfterAQaReturnOfTheSameAttempt_AlwaysGoesToQa()
    {
        var result = NoDraw.Decide(new QaSamplingFacts(Grade.Merit, IsOverride: false, ReturnedByQaThisAttempt: true), samplePercent: 0);

        Assert.Equal((true, QaStatus.Pending), (result.Required, result.Status));
        Assert.Equal([QaSampleReason.ReturnedByQa], result.Reasons);
        Assert.Equal("returned by QA", result.Describe());
    }

    [Theory]
    [InlineData(Grade.Pass, true, false, "override")]
    [InlineData(Grade.Fail, false, false, "fail")]
    [InlineData(Grade.Fail, true, true, "override, fail, returned by QA")]
    public void Decide_OverridesFailsAndReturnedCases_GoToQaWhateverTheRate(Grade grade, bool isOverride, bool returned, string reasons)
    {
        var result = NoDraw.Decide(new QaSamplingFacts(grade, isOverride, returned), samplePercent: 0);

        Assert.True(result.Required);
        Assert.Equal(reasons, result.Describe());
    }

    [Theory]
    [InlineData(0, 10, true)]
    [InlineData(9, 10, true)]
    [InlineData(10, 10, false)]
    [InlineData(99, 10, false)]
    [InlineData(49, 50, true)]
    [InlineData(50, 50, false)]
    [InlineData(98, 99, true)]
    public void Decide_AnotherGrade_IsSampledWhenTheDrawIsBelowTheRate(int drawn, int percent, bool sampled)
    {
        var result = Drawing(drawn).Decide(new QaSamplingFacts(Grade.Merit, IsOverride: false, ReturnedByQaThisAttempt: false), percent);

        Assert.Equal(sampled ? QaStatus.Pending : QaStatus.NotSampled, result.Status);
        Assert.Equal(sampled ? "random sample" : string.Empty, result.Describe());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(100, true)]
    [InlineData(250, true)]
    public void Decide_AtNoneOrAll_NeedsNoDraw(int percent, bool sampled)
    {
        var result = NoDraw.Decide(new QaSamplingFacts(Grade.Pass, IsOverride: false, ReturnedByQaThisAttempt: false), percent);

        Assert.Equal(sampled, result.Required);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Decide_WithARandomSourceOutOfRange_IsAProgrammingError(int drawn)
    {
        Assert.Throws<InvalidOperationException>(() => Drawing(drawn).Decide(new QaSamplingFacts(Grade.Pass, false, false), 10));
    }

    [Fact]
    public void Mandatory_ForADecision_ReadsItsGradeAndOverride()
    {
        var decision = new GradeDecision(1, 1, "assessor-1", Grade.Pass, Grade.Merit, "Merit", DateTimeOffset.UnixEpoch) { OverrideJustification = "Outstanding interview." };

        Assert.Equal([QaSampleReason.Override], QaSampling.Mandatory(QaSamplingFacts.Of(decision, returnedByQaThisAttempt: false)));
        Assert.Empty(QaSampling.Mandatory(new QaSamplingFacts(Grade.Distinction, false, false)));
    }
}
