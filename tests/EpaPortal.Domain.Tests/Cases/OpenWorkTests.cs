using EpaPortal.Domain.Cases;
using static EpaPortal.Domain.Cases.CaseState;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Which cases are open work and which are history (issue 26): lists show the first by default.</summary>
[Trait("Category", "Unit")]
public class OpenWorkTests
{
    [Theory]
    [InlineData(ResultReleased)]
    [InlineData(CertificateRequested)]
    [InlineData(FailRecorded)]
    [InlineData(AppealRejected)]
    [InlineData(Withdrawn)]
    public void DecidedCase_IsClosed(CaseState state)
    {
        Assert.True(OpenWork.IsClosed(state));
        Assert.False(OpenWork.IsOpen(state));
        Assert.Contains(state, OpenWork.ClosedStates);
        Assert.DoesNotContain(state, OpenWork.OpenStates);
    }

    [Theory]
    [InlineData(Registered)]
    [InlineData(GatewayRejected)]
    [InlineData(InterviewCompleted)]
    [InlineData(Graded)]
    [InlineData(IqaApproved)]
    [InlineData(ResitPlanned)]
    [InlineData(RetakePlanned)]
    [InlineData(AppealLodged)]
    [InlineData(AppealUpheld)]
    public void CaseWaitingOnSomeone_IsOpen(CaseState state)
    {
        Assert.True(OpenWork.IsOpen(state));
        Assert.Contains(state, OpenWork.OpenStates);
    }

    [Fact]
    public void EveryState_IsEitherOpenOrClosed_InEnumOrder()
    {
        var all = Enum.GetValues<CaseState>();
        Assert.Equal(all.Length, OpenWork.OpenStates.Count + OpenWork.ClosedStates.Count);
        Assert.Empty(OpenWork.OpenStates.Intersect(OpenWork.ClosedStates));
        Assert.Equal(OpenWork.OpenStates.OrderBy(s => s), OpenWork.OpenStates);
        Assert.Equal(OpenWork.ClosedStates.OrderBy(s => s), OpenWork.ClosedStates);
        Assert.All(all, s => Assert.Equal(OpenWork.ClosedStates.Contains(s), OpenWork.IsClosed(s)));
    }

    [Fact]
    public void FinalStates_AreClosed()
    {
        Assert.All(Enum.GetValues<CaseState>().Where(CaseWorkflow.IsTerminal), s => Assert.True(OpenWork.IsClosed(s), $"{s} is final but counted as open work"));
    }

    [Fact]
    public void ClosedCase_ReopensOnlyByAnAppealReSitOrReTake()
    {
        // A move out of history either opens new work (appeal, re-sit, re-take) or stays in history.
        var reopening = new[] { AppealLodged, ResitPlanned, RetakePlanned };
        foreach (var from in OpenWork.ClosedStates)
        {
            foreach (var to in CaseWorkflow.NextStates(from).Where(OpenWork.IsOpen))
            {
                Assert.Contains(to, reopening);
            }
        }
    }
}
