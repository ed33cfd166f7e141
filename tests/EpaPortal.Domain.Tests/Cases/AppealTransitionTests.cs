using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Appeals: lodged in the window with grounds, decided by someone who had no part in the case,
/// and an upheld appeal re-assessed by a different assessor.</summary>
[Trait("Category", "Unit")]
public class AppealTransitionTests
{
    [Theory]
    [InlineData(CaseState.ResultReleased)]
    [InlineData(CaseState.FailRecorded)]
    public void LodgeAppeal_ByTheEmployerWithinTheWindow_Succeeds(CaseState from)
    {
        var scenario = CaseScenario.ReadyFor(from, CaseState.AppealLodged);

        var outcome = scenario.Move(CaseState.AppealLodged, Actors.Employer, "The interview was cut short by a fire alarm.");

        Assert.True(outcome.Succeeded);
        Assert.Equal("The interview was cut short by a fire alarm.", outcome.Audit!.Reason);
    }

    [Fact]
    public void LodgeAppeal_AtTheDeadline_Succeeds()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.AppealLodged);
        scenario.Now = scenario.Case.AppealDeadline!.Value;

        Assert.True(scenario.Move(CaseState.AppealLodged, Actors.Apprentice).Succeeded);
    }

    [Fact]
    public void LodgeAppeal_AfterTheDeadline_IsRefusedSayingWhenItClosed()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.AppealLodged);
        scenario.Now = scenario.Case.AppealDeadline!.Value.AddMinutes(1);

        Assert.Equal("The appeal window closed on 21 March 2027 at 10:00.", Assert.Single(scenario.Move(CaseState.AppealLodged, Actors.Apprentice).Problems));
    }

    [Fact]
    public void LodgeAppeal_WithoutGrounds_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.AppealLodged);

        Assert.Equal("Give the grounds for the appeal.", Assert.Single(scenario.Move(CaseState.AppealLodged, Actors.Apprentice, reason: null).Problems));
    }

    [Fact]
    public void LodgeAppeal_ASecondTimeAgainstTheSameResult_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.AppealLodged);
        scenario.Appeal = new Domain.Cases.Appeal(42, 1, Actors.ApprenticeUserId, "First appeal", scenario.Now.AddDays(-1));

        Assert.Equal("An appeal against this result has already been lodged.", Assert.Single(scenario.Move(CaseState.AppealLodged, Actors.Apprentice).Problems));
    }

    [Fact]
    public void LodgeAppeal_BeforeAnyRelease_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.ResultReleased, CaseState.AppealLodged);
        scenario.Case.AppealDeadline = null;

        Assert.Equal("The appeal window has not opened: the result has not been released.", Assert.Single(scenario.Move(CaseState.AppealLodged, Actors.Apprentice).Problems));
    }

    [Theory]
    [InlineData(CaseState.AppealUpheld, AppealOutcome.Upheld)]
    [InlineData(CaseState.AppealRejected, AppealOutcome.Rejected)]
    public void DecideAppeal_ByAnIndependentAdmin_RecordsTheDecision(CaseState target, AppealOutcome expected)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealLodged, target);

        scenario.Move(target, Actors.Admin, "The recording shows the interview ran 25 minutes.");

        var appeal = scenario.Appeal!;
        Assert.Equal((expected, "admin-1", "The recording shows the interview ran 25 minutes.", (DateTimeOffset?)scenario.Now), (appeal.Outcome, appeal.ReviewerId, appeal.DecisionReason, appeal.DecidedAt));
    }

    public static TheoryData<string> PeopleWithAPartInTheCase() => new(["assessor-1", "qa-1", "earlier-assessor", "earlier-qa"]);

    [Theory]
    [MemberData(nameof(PeopleWithAPartInTheCase))]
    public void DecideAppeal_BySomeoneWithAPartInTheCase_IsRefused(string userId)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealLodged, CaseState.AppealRejected);
        scenario.EarlierAssessorIds.Add("earlier-assessor");
        scenario.QualityAssurerIds.Add("earlier-qa");
        var admin = new Actor(userId, "Staff member", [PortalRole.Admin, PortalRole.Assessor, PortalRole.QualityAssurer]);

        var outcome = scenario.Move(CaseState.AppealRejected, admin);

        Assert.Equal("You had a part in this case, so you cannot review its appeal: the reviewer must be independent.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void DecideAppeal_WithoutAReason_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealLodged, CaseState.AppealUpheld);

        Assert.Equal("Give the reason for the appeal decision.", Assert.Single(scenario.Move(CaseState.AppealUpheld, Actors.Admin, reason: "").Problems));
    }

    [Fact]
    public void DecideAppeal_WithNoPendingAppeal_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealLodged, CaseState.AppealUpheld);
        scenario.Appeal = null;

        Assert.Equal("There is no pending appeal to decide.", Assert.Single(scenario.Move(CaseState.AppealUpheld, Actors.Admin).Problems));
    }

    [Fact]
    public void StartReassessment_WithTheAssessorWhoGradedTheResult_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealUpheld, CaseState.PreInterviewReview);
        scenario.Case.AssessorId = Actors.AssessorId;

        Assert.Equal("The re-assessment of an appeal needs a different assessor from the one who graded the result: allocate another assessor.", Assert.Single(scenario.Move(CaseState.PreInterviewReview, Actors.Admin).Problems));
    }

    [Fact]
    public void StartReassessment_WithNoAssessor_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealUpheld, CaseState.PreInterviewReview);
        scenario.Case.AssessorId = null;

        Assert.Equal("No assessor has been allocated to the re-assessment.", Assert.Single(scenario.Move(CaseState.PreInterviewReview, Actors.Admin).Problems));
    }

    [Fact]
    public void StartReassessment_ByTheNewAssessor_ClearsTheReleasedResultOfTheAttempt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.AppealUpheld, CaseState.PreInterviewReview);

        var outcome = scenario.Move(CaseState.PreInterviewReview, Actors.OtherAssessor);

        Assert.True(outcome.Succeeded);
        Assert.Null(scenario.Case.ResultReleasedAt);
        Assert.Null(scenario.Case.AppealDeadline);
    }
}
