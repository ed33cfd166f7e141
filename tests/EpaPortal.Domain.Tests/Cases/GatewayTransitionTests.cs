using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>The gateway guards of domain.md section 5: what the employer must supply, how an admin decides.</summary>
[Trait("Category", "Unit")]
public class GatewayTransitionTests
{
    private static readonly Guid Certificate = Guid.Parse("8b1f6a52-2f55-4c1b-9d36-3f1f0c0a1d11");

    private static readonly Dictionary<string, Action<CaseScenario>> Breakers = new()
    {
        ["no gateway form"] = s => s.Gateway = null,
        ["Programming missing"] = s => s.Gateway = CaseScenario.CompleteGateway(("Software Development Context and Methodologies", new DateOnly(2026, 5, 1), Certificate)),
        ["Programming passed in the future"] = s => s.Gateway = CaseScenario.CompleteGateway(("Software Development Context and Methodologies", new DateOnly(2026, 5, 1), Certificate), ("Programming", new DateOnly(2027, 4, 1), Certificate)),
        ["Programming certificate missing"] = s => s.Gateway = CaseScenario.CompleteGateway(("Software Development Context and Methodologies", new DateOnly(2026, 5, 1), Certificate), ("Programming", new DateOnly(2026, 6, 1), Guid.Empty)),
        ["no English evidence"] = s => s.Gateway!.EnglishEvidenceFileId = null,
        ["no maths evidence"] = s => s.Gateway!.MathsExemptionReason = " ",
        ["time on programme not confirmed"] = s => s.Gateway!.MinimumTimeOnProgrammeConfirmed = false,
        ["no start date"] = s => s.StartDate = null,
        ["started nine months ago"] = s => s.StartDate = new DateOnly(2026, 6, 1),
        ["portfolio not submitted"] = s => s.Case.PortfolioSubmittedAt = null,
        ["portfolio not confirmed"] = s => s.Case.PortfolioConfirmedAt = null,
        ["reference not submitted"] = s => s.ReferenceSubmitted = false,
        ["portfolio and reference not confirmed complete"] = s => s.Gateway!.PortfolioAndReferenceCompleteConfirmed = false,
        ["readiness not declared"] = s => s.Gateway!.ReadinessDeclared = false,
        ["no certificate consent"] = s => s.Gateway!.ApprenticeConsentsToCertificateRequest = false,
        ["no signatory job title"] = s => s.Gateway!.EmployerSignatoryJobTitle = null,
    };

    [Theory]
    [InlineData("no gateway form", "The gateway form has not been filled in.")]
    [InlineData("Programming missing", "The knowledge module 'Programming' has not been recorded as passed.")]
    [InlineData("Programming passed in the future", "The pass date of the knowledge module 'Programming' is in the future.")]
    [InlineData("Programming certificate missing", "The certificate file for the knowledge module 'Programming' is missing.")]
    [InlineData("no English evidence", "English level 2 evidence, or the reason for an exemption, is missing.")]
    [InlineData("no maths evidence", "Maths level 2 evidence, or the reason for an exemption, is missing.")]
    [InlineData("time on programme not confirmed", "The employer has not confirmed the minimum time on programme (12 months).")]
    [InlineData("no start date", "The apprentice's start date is not recorded.")]
    [InlineData("started nine months ago", "The apprentice started on 1 June 2026; the minimum time on programme of 12 months is reached on 1 June 2027.")]
    [InlineData("portfolio not submitted", "The apprentice has not submitted the portfolio.")]
    [InlineData("portfolio not confirmed", "The employer has not confirmed the portfolio as the apprentice's own work.")]
    [InlineData("reference not submitted", "The employer reference has not been submitted.")]
    [InlineData("portfolio and reference not confirmed complete", "The employer has not confirmed that the portfolio and the employer reference are complete.")]
    [InlineData("readiness not declared", "The employer has not declared the apprentice ready for the end-point assessment.")]
    [InlineData("no certificate consent", "The apprentice's consent to the certificate request has not been recorded.")]
    [InlineData("no signatory job title", "The name and job title of the employer's signatory are needed.")]
    public void SubmitGateway_WithOneItemMissing_IsRefusedNamingIt(string missing, string expected)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);
        Breakers[missing](scenario);

        var outcome = scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.Equal(expected, Assert.Single(outcome.Problems));
        Assert.Equal(CaseState.Registered, scenario.Case.State);
    }

    [Fact]
    public void SubmitGateway_WhenComplete_StampsGatewaySubmittedAt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);
        scenario.Case.GatewaySubmittedAt = null;

        scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.Equal(scenario.Now, scenario.Case.GatewaySubmittedAt);
    }

    [Fact]
    public void SubmitGateway_WithModuleNamedInOtherCase_AcceptsIt()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);
        scenario.Gateway = CaseScenario.CompleteGateway(("software development context and methodologies", new DateOnly(2026, 5, 1), Certificate), ("PROGRAMMING ", new DateOnly(2026, 6, 1), Certificate));

        Assert.True(scenario.Move(CaseState.GatewaySubmitted, Actors.Employer).Succeeded);
    }

    [Fact]
    public void SubmitGateway_StartedExactlyTwelveMonthsAgo_IsAccepted()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);
        scenario.StartDate = new DateOnly(2026, 3, 3);

        Assert.True(scenario.Move(CaseState.GatewaySubmitted, Actors.Employer).Succeeded);
    }

    [Fact]
    public void SubmitGateway_AfterRejection_ChecksTheSameItems()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewayRejected, CaseState.GatewaySubmitted);
        scenario.ReferenceSubmitted = false;

        var outcome = scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.Equal("The employer reference has not been submitted.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void SubmitGateway_WithSeveralItemsMissing_ListsEveryOne()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);
        scenario.ReferenceSubmitted = false;
        scenario.Gateway!.ReadinessDeclared = false;
        scenario.Case.PortfolioSubmittedAt = null;

        var outcome = scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.Equal(3, outcome.Problems.Count);
    }

    [Theory]
    [InlineData(GatewayItem.KnowledgeModules, "Knowledge modules")]
    [InlineData(GatewayItem.EnglishAndMaths, "English and maths")]
    [InlineData(GatewayItem.TimeOnProgramme, "Time on programme")]
    [InlineData(GatewayItem.PortfolioAndReference, "Portfolio and employer reference")]
    [InlineData(GatewayItem.Readiness, "Readiness declaration")]
    [InlineData(GatewayItem.CertificateConsent, "Certificate consent")]
    public void ApproveGateway_WithAnItemRejected_IsRefusedNamingIt(GatewayItem item, string label)
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Gateway!.RecordReview(item, GatewayItemDecision.Rejected, "Not good enough.");

        var outcome = scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.Equal($"The gateway item '{label}' was rejected, so the gateway cannot be approved.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void ApproveGateway_WithAnItemNotReviewed_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Gateway!.RecordReview(GatewayItem.EnglishAndMaths, GatewayItemDecision.Pending, null);

        var outcome = scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.Equal("The gateway item 'English and maths' has not been reviewed.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void ApproveGateway_WithNoSubmission_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);
        scenario.Gateway = null;

        Assert.Equal("There is no gateway submission to review.", Assert.Single(scenario.Move(CaseState.GatewayApproved, Actors.Admin).Problems));
    }

    [Fact]
    public void ApproveGateway_WhenEveryItemApproved_StampsTheApprovalAndTheReview()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);

        scenario.Move(CaseState.GatewayApproved, Actors.Admin);

        Assert.Equal(scenario.Now, scenario.Case.GatewayApprovedAt);
        Assert.Equal((scenario.Now, "admin-1"), (scenario.Gateway!.ReviewedAt, scenario.Gateway.ReviewedById));
    }

    [Fact]
    public void RejectGateway_WithNoItemRejected_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved);

        var outcome = scenario.Move(CaseState.GatewayRejected, Actors.Admin);

        Assert.Equal("Mark at least one gateway item as rejected, with its reason.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void RejectGateway_WithARejectedItemWithoutReason_IsRefused()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayRejected);
        scenario.Gateway!.RecordReview(GatewayItem.Readiness, GatewayItemDecision.Rejected, "  ");

        var outcome = scenario.Move(CaseState.GatewayRejected, Actors.Admin);

        Assert.Equal("Give the reason for rejecting the gateway item 'Readiness declaration'.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void RejectGateway_WithReasons_StampsTheReview()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayRejected);

        var outcome = scenario.Move(CaseState.GatewayRejected, Actors.Admin, reason: null);

        Assert.True(outcome.Succeeded);
        Assert.Equal(scenario.Now, scenario.Gateway!.ReviewedAt);
    }
}
