using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;

namespace EpaPortal.Domain.Tests.Grading;

/// <summary>
/// The sampling plan of a standard version (issue 21, item 4): each branch and boundary of
/// <see cref="QaSampling.Decide(QaSamplingFacts, QaSamplingPolicy)"/> with an injected random source.
/// </summary>
[Trait("Category", "Unit")]
public class QaSamplingPlanTests
{
    private static readonly QaSampling NoDraw = new(() => throw new InvalidOperationException("The rule drew a number it did not need."));

    private static QaSampling Drawing(int value) => new(() => value);

    private static QaSamplingFacts Merit(int earlier, int? sinceReturn = null) =>
        new(Grade.Merit, IsOverride: false, ReturnedByQaThisAttempt: false) { AssessorEarlierDecisions = earlier, AssessorDecisionsSinceReturn = sinceReturn };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Decide_ANewAssessorsFirstNDecisions_AreSampledWithoutADraw(int earlier)
    {
        var result = NoDraw.Decide(Merit(earlier), new QaSamplingPolicy(0, NewAssessorDecisions: 2, RaisedPercent: 0, RaisedDecisions: 0));

        Assert.Equal([QaSampleReason.NewAssessor], result.Reasons);
        Assert.Equal("new assessor", result.Describe());
    }

    [Theory]
    [InlineData(49, true)]
    [InlineData(50, false)]
    public void Decide_TheDecisionAfterTheFirstN_FollowsTheBaseRate(int drawn, bool sampled)
    {
        var result = Drawing(drawn).Decide(Merit(earlier: 2), new QaSamplingPolicy(50, NewAssessorDecisions: 2, RaisedPercent: 50, RaisedDecisions: 0));

        Assert.Equal(sampled ? [QaSampleReason.RandomSample] : [], result.Reasons);
    }

    [Fact]
    public void Decide_NoNewAssessorSampling_TheFirstDecisionFollowsTheBaseRate()
    {
        Assert.False(NoDraw.Decide(Merit(earlier: 0), new QaSamplingPolicy(0, 0, 0, 0)).Required);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Decide_WithinMDecisionsOfAReturn_UsesTheRaisedRate(int sinceReturn)
    {
        var policy = new QaSamplingPolicy(10, NewAssessorDecisions: 0, RaisedPercent: 60, RaisedDecisions: 3);

        Assert.Equal([QaSampleReason.RaisedAfterReturn], Drawing(59).Decide(Merit(5, sinceReturn), policy).Reasons);
        Assert.Empty(Drawing(60).Decide(Merit(5, sinceReturn), policy).Reasons);
        Assert.Equal("raised rate after a QA return", Drawing(59).Decide(Merit(5, sinceReturn), policy).Describe());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void Decide_AfterTheMWindow_BackToTheBaseRate(int sinceReturn)
    {
        var policy = new QaSamplingPolicy(10, NewAssessorDecisions: 0, RaisedPercent: 60, RaisedDecisions: 3);

        Assert.Empty(Drawing(30).Decide(Merit(5, sinceReturn), policy).Reasons);
        Assert.Equal([QaSampleReason.RandomSample], Drawing(9).Decide(Merit(5, sinceReturn), policy).Reasons);
    }

    [Fact]
    public void Decide_NeverReturned_NoRaisedRate()
    {
        var policy = new QaSamplingPolicy(0, 0, 100, 3);

        Assert.False(NoDraw.Decide(Merit(5, sinceReturn: null), policy).Required);
    }

    [Fact]
    public void Decide_RaisedRateOf100_SamplesWithoutADraw()
    {
        Assert.Equal([QaSampleReason.RaisedAfterReturn], NoDraw.Decide(Merit(5, 0), new QaSamplingPolicy(0, 0, 100, 1)).Reasons);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(100, true)]
    public void Decide_BaseRateOf0Or100_DrawsNothing(int percent, bool sampled)
    {
        Assert.Equal(sampled, NoDraw.Decide(Merit(5), new QaSamplingPolicy(percent, 0, percent, 0)).Required);
    }

    [Fact]
    public void Decide_AnOverrideOrFailOfANewAssessor_KeepsItsAlwaysSampledReasons()
    {
        var policy = new QaSamplingPolicy(0, 5, 0, 0);

        var fail = NoDraw.Decide(new QaSamplingFacts(Grade.Fail, IsOverride: true, ReturnedByQaThisAttempt: true) { AssessorEarlierDecisions = 0 }, policy);

        Assert.Equal([QaSampleReason.Override, QaSampleReason.Fail, QaSampleReason.ReturnedByQa], fail.Reasons);
    }

    [Fact]
    public void Decide_Flat_IsTheConfiguredRateForEveryone()
    {
        Assert.Equal(QaSamplingPolicy.Flat(25), new QaSamplingPolicy(25, 0, 25, 0));
        Assert.Equal([QaSampleReason.RandomSample], Drawing(24).Decide(Merit(0, 0), QaSamplingPolicy.Flat(25)).Reasons);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, "Enter a base rate from 0 to 100 per cent.")]
    [InlineData(101, 0, 100, 0, "Enter a base rate from 0 to 100 per cent.")]
    [InlineData(10, -1, 10, 0, "Enter the number of a new assessor's first decisions to sample: 0 or more.")]
    [InlineData(10, 0, 101, 1, "Enter a raised rate from 0 to 100 per cent.")]
    [InlineData(50, 0, 20, 3, "The raised rate after a QA return must be at least the base rate.")]
    [InlineData(10, 0, 10, -1, "Enter the number of decisions the raised rate lasts for: 0 or more.")]
    public void Problems_OutOfRange_SaysWhatToEnter(int basePercent, int n, int raised, int m, string problem)
    {
        Assert.Contains(problem, new QaSamplingPolicy(basePercent, n, raised, m).Problems());
    }

    [Fact]
    public void Problems_TheEdgesOfTheRanges_AreValid()
    {
        Assert.Empty(new QaSamplingPolicy(0, 0, 0, 0).Problems());
        Assert.Empty(new QaSamplingPolicy(100, 1000, 100, 1000).Problems());
    }

    [Fact]
    public void Change_InvalidNumbers_LeavesThePlanAsItWas()
    {
        var plan = new SamplingPlan(1, new QaSamplingPolicy(10, 2, 50, 5), "lead", DateTimeOffset.UnixEpoch);

        var problems = plan.Change(new QaSamplingPolicy(150, 2, 50, 5), "lead", DateTimeOffset.UnixEpoch.AddDays(1));

        Assert.NotEmpty(problems);
        Assert.Equal(new QaSamplingPolicy(10, 2, 50, 5), plan.Policy);
        Assert.Equal(DateTimeOffset.UnixEpoch, plan.UpdatedAt);
    }

    [Fact]
    public void StoreAndParse_RoundTripTheReasons()
    {
        IReadOnlyList<QaSampleReason> reasons = [QaSampleReason.Fail, QaSampleReason.NewAssessor];

        Assert.Equal("Fail,NewAssessor", QaSampling.Store(reasons));
        Assert.Equal(reasons, QaSampling.Parse(QaSampling.Store(reasons)));
        Assert.Null(QaSampling.Store([]));
        Assert.Empty(QaSampling.Parse(null));
        Assert.Equal([QaSampleReason.Fail], QaSampling.Parse("Fail,Unknown"));
    }
}
