using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>Portfolio submission by the apprentice, confirmation or return by the employer, and the lock.</summary>
[Trait("Category", "Unit")]
public class PortfolioTests
{
    [Theory]
    [InlineData(CaseState.Registered, false, false, false)]
    [InlineData(CaseState.Registered, true, false, true)]
    [InlineData(CaseState.Registered, false, true, true)]
    [InlineData(CaseState.GatewayRejected, false, false, false)]
    [InlineData(CaseState.GatewayRejected, true, false, true)]
    [InlineData(CaseState.GatewaySubmitted, false, false, true)]
    [InlineData(CaseState.GatewayApproved, false, false, true)]
    [InlineData(CaseState.ResitPlanned, false, false, true)]
    [InlineData(CaseState.Withdrawn, false, false, true)]
    public void IsPortfolioLocked_ByStateSubmissionAndHold_FollowsTheRule(CaseState state, bool submitted, bool onHold, bool locked)
    {
        var epaCase = CaseScenario.In(state).Case;
        epaCase.PortfolioSubmittedAt = submitted ? TestClock.Now : null;
        epaCase.IsOnHold = onHold;

        Assert.Equal(locked, epaCase.IsPortfolioLocked);
    }

    [Fact]
    public void Submit_ByTheApprentice_LocksThePortfolioWithItsSnapshot()
    {
        var scenario = Unsubmitted();
        scenario.Case.PortfolioReturnReason = "Add the test plan.";

        var outcome = scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123");

        Assert.True(outcome.Succeeded);
        Assert.Equal((scenario.Now, "abc123", (string?)null), (scenario.Case.PortfolioSubmittedAt, scenario.Case.PortfolioSnapshotHash, scenario.Case.PortfolioReturnReason));
        Assert.True(scenario.Case.IsPortfolioLocked);
        Assert.Equal((CaseActions.PortfolioSubmitted, "12 items, snapshot abc123"), (outcome.Audit!.Action, outcome.Audit.Details));
    }

    [Fact]
    public void Submit_WhenAlreadySubmitted_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Registered);

        var outcome = scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123");

        Assert.Equal("The portfolio has been submitted and is locked; the employer can return it to re-open it.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Submit_AfterTheGateway_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewaySubmitted);
        scenario.Case.PortfolioSubmittedAt = null;

        var outcome = scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123");

        Assert.Equal("The gateway has been submitted: the portfolio can no longer be changed.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Submit_ByTheEmployer_IsRefused()
    {
        var scenario = Unsubmitted();

        Assert.Equal("Only the apprentice can submit their portfolio.", Assert.Single(scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Employer, scenario.Facts(), "abc123").Problems));
    }

    [Fact]
    public void Submit_AnotherApprenticesPortfolio_IsRefused()
    {
        var scenario = Unsubmitted();

        Assert.False(scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.OtherApprentice, scenario.Facts(), "abc123").Succeeded);
    }

    [Fact]
    public void Submit_AnEmptyPortfolio_IsRefused()
    {
        var scenario = Unsubmitted();
        scenario.PortfolioItemCount = 0;

        Assert.Equal("Add at least one evidence item before submitting the portfolio.", Assert.Single(scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123").Problems));
    }

    [Fact]
    public void Submit_FewerItemsThanTheMinimumSetting_IsRefused()
    {
        var scenario = Unsubmitted();
        scenario.Version = StandardVersions.St0128V1(s => s.PortfolioMinItems = 5);
        scenario.PortfolioItemCount = 3;

        Assert.Equal("The portfolio needs at least 5 evidence items; it has 3.", Assert.Single(scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123").Problems));
    }

    [Fact]
    public void Submit_MoreItemsThanTheMaximumSetting_IsRefused()
    {
        var scenario = Unsubmitted();
        scenario.Version = StandardVersions.St0128V1(s => s.PortfolioMaxItems = 10);

        Assert.Equal("The portfolio can hold at most 10 evidence items; it has 12.", Assert.Single(scenario.Workflow().SubmitPortfolio(scenario.Case, Actors.Apprentice, scenario.Facts(), "abc123").Problems));
    }

    [Fact]
    public void Confirm_ByTheEmployer_RecordsWhoConfirmed()
    {
        var scenario = SubmittedNotConfirmed();

        var outcome = scenario.Workflow().ConfirmPortfolio(scenario.Case, Actors.Employer, Actors.Parties, " Erin Employer ", "Engineering Manager");

        Assert.Equal((scenario.Now, "Erin Employer", "Engineering Manager"), (scenario.Case.PortfolioConfirmedAt!.Value, scenario.Case.PortfolioConfirmedByName, scenario.Case.PortfolioConfirmedByJobTitle));
        Assert.Equal(CaseActions.PortfolioConfirmed, outcome.Audit!.Action);
    }

    [Fact]
    public void Confirm_ByAnotherOrganisationsEmployer_IsRefused()
    {
        var scenario = SubmittedNotConfirmed();

        Assert.Equal("Only the apprentice's employer can confirm the portfolio.", Assert.Single(scenario.Workflow().ConfirmPortfolio(scenario.Case, Actors.OtherEmployer, Actors.Parties, "Olly", "CTO").Problems));
    }

    [Fact]
    public void Confirm_BeforeSubmission_IsRefused()
    {
        var scenario = Unsubmitted();

        Assert.Equal("The apprentice has not submitted the portfolio.", Assert.Single(scenario.Workflow().ConfirmPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "Erin", "Manager").Problems));
    }

    [Fact]
    public void Confirm_Twice_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Registered);

        Assert.Equal("The portfolio has already been confirmed.", Assert.Single(scenario.Workflow().ConfirmPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "Erin", "Manager").Problems));
    }

    [Fact]
    public void Confirm_WithoutAJobTitle_IsRefused()
    {
        var scenario = SubmittedNotConfirmed();

        Assert.Equal("Give the name and job title of the person confirming the portfolio.", Assert.Single(scenario.Workflow().ConfirmPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "Erin", "").Problems));
    }

    [Fact]
    public void Return_ByTheEmployer_ReopensThePortfolioWithTheReason()
    {
        var scenario = CaseScenario.In(CaseState.Registered);

        var outcome = scenario.Workflow().ReturnPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "Item 4 is a colleague's work.");

        Assert.True(outcome.Succeeded);
        Assert.False(scenario.Case.IsPortfolioLocked);
        Assert.Equal(("Item 4 is a colleague's work.", (DateTimeOffset?)null, (DateTimeOffset?)null), (scenario.Case.PortfolioReturnReason, scenario.Case.PortfolioSubmittedAt, scenario.Case.PortfolioConfirmedAt));
    }

    [Fact]
    public void Return_AfterGatewayRejection_ReopensThePortfolio()
    {
        var scenario = CaseScenario.In(CaseState.GatewayRejected);

        Assert.True(scenario.Workflow().ReturnPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "The gateway check asked for more on C13.").Succeeded);
    }

    [Fact]
    public void Return_WithoutAReason_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Registered);

        Assert.Equal("Give the reason for returning the portfolio.", Assert.Single(scenario.Workflow().ReturnPortfolio(scenario.Case, Actors.Employer, Actors.Parties, null).Problems));
    }

    [Fact]
    public void Return_AfterTheGatewayWasSubmitted_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.GatewaySubmitted);

        Assert.Equal("The gateway has been submitted: the portfolio can no longer be changed.", Assert.Single(scenario.Workflow().ReturnPortfolio(scenario.Case, Actors.Employer, Actors.Parties, "Too late").Problems));
    }

    [Fact]
    public void Return_ByTheApprentice_IsRefused()
    {
        var scenario = CaseScenario.In(CaseState.Registered);

        Assert.Equal("Only the apprentice's employer can return the portfolio.", Assert.Single(scenario.Workflow().ReturnPortfolio(scenario.Case, Actors.Apprentice, Actors.Parties, "Changed my mind").Problems));
    }

    private static CaseScenario Unsubmitted()
    {
        var scenario = CaseScenario.In(CaseState.Registered);
        scenario.Case.PortfolioSubmittedAt = null;
        scenario.Case.PortfolioConfirmedAt = null;
        return scenario;
    }

    private static CaseScenario SubmittedNotConfirmed()
    {
        var scenario = CaseScenario.In(CaseState.Registered);
        scenario.Case.PortfolioConfirmedAt = null;
        return scenario;
    }
}
