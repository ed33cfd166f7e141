using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Cases;

/// <summary>
/// The training provider as a party of the case (issue 19): it books the EPA for an employer it works with,
/// co-signs the gateway (which then needs both signatures), and a conflict with it blocks allocation.
/// </summary>
[Trait("Category", "Unit")]
public class TrainingProviderTests
{
    private static readonly CaseWorkflow Workflow = new(TestClock.At(TestClock.Now));

    [Fact]
    public void Register_ByAProviderForAnEmployerItWorksWith_NamesTheProviderAndThePlannedGateway()
    {
        var planned = DateOnly.FromDateTime(TestClock.Now.UtcDateTime).AddMonths(2);

        var outcome = Workflow.Register(Apprentice("1234567899"), StandardVersions.St0128V1().WithId(1), Actors.Provider, provider: new ProviderBooking(Actors.TrainerId, true, planned));

        Assert.True(outcome.Succeeded);
        Assert.Equal((Actors.TrainerId, planned), (outcome.Case!.ProviderOrganisationId, outcome.Case.PlannedGatewayDate));
        Assert.Equal(CaseActions.Registered, outcome.Audit!.Action);
    }

    [Fact]
    public void Register_ByAProviderForAnEmployerItDoesNotWorkWith_IsRefused()
    {
        var outcome = Workflow.Register(Apprentice("1234567899"), StandardVersions.St0128V1(), Actors.Provider, provider: new ProviderBooking(Actors.TrainerId, false, null));

        Assert.Equal("Your organisation does not work with this employer: ask the assessment organisation to link you first.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Register_ByAProviderInTheNameOfAnotherProvider_IsRefused()
    {
        var outcome = Workflow.Register(Apprentice("1234567899"), StandardVersions.St0128V1(), Actors.OtherProvider, provider: new ProviderBooking(Actors.TrainerId, true, null));

        Assert.Equal("A training provider can only register its own apprentices.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Register_ByAProviderWithAnInvalidUln_IsRefusedWithTheUlnMessage()
    {
        var outcome = Workflow.Register(Apprentice("1234567890"), StandardVersions.St0128V1(), Actors.Provider, provider: new ProviderBooking(Actors.TrainerId, true, null));

        Assert.Equal("This is not a valid ULN: its last digit does not match the others. Check it against the apprentice's records.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Register_WithAPlannedGatewayInThePast_IsRefused()
    {
        var yesterday = DateOnly.FromDateTime(TestClock.Now.UtcDateTime).AddDays(-1);

        var outcome = Workflow.Register(Apprentice("1234567899"), StandardVersions.St0128V1(), Actors.Provider, provider: new ProviderBooking(Actors.TrainerId, true, yesterday));

        Assert.Equal("The planned gateway date is in the past.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void SubmitGateway_OfACaseNamingAProviderWithoutItsCoSignature_IsRefused()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted));

        var outcome = scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.Equal("The training provider has not co-signed the gateway yet.", Assert.Single(outcome.Problems));
        Assert.Equal(CaseState.Registered, scenario.Case.State);
    }

    [Fact]
    public void SubmitGateway_AfterTheProviderCoSigned_CarriesBothSignaturesOnTheSubmission()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted));

        var signed = scenario.Workflow().CoSignGateway(scenario.Case, Actors.Provider, scenario.Parties, " Priya Patel ", "Apprenticeship Manager", readinessConfirmed: true);
        var submitted = scenario.Move(CaseState.GatewaySubmitted, Actors.Employer);

        Assert.True(signed.Succeeded);
        Assert.Equal((CaseActions.GatewayCoSigned, "Co-signed for the training provider by Priya Patel, Apprenticeship Manager"), (signed.Audit!.Action, signed.Audit.Details));
        Assert.True(submitted.Succeeded);
        var gateway = scenario.Gateway!;
        Assert.Equal(("Erin Employer", "Priya Patel", "Apprenticeship Manager", Actors.Provider.UserId, (DateTimeOffset?)scenario.Now),
            (gateway.EmployerSignatoryName, gateway.ProviderSignatoryName, gateway.ProviderSignatoryJobTitle, gateway.ProviderSignedById, gateway.ProviderSignedAt));
        Assert.Null(scenario.Case.ProviderGatewaySignedAt);
    }

    [Fact]
    public void SubmitGateway_OfACaseNamingNoProvider_NeedsTheEmployerAlone()
    {
        var scenario = CaseScenario.ReadyFor(CaseState.Registered, CaseState.GatewaySubmitted);

        Assert.True(scenario.Move(CaseState.GatewaySubmitted, Actors.Employer).Succeeded);
    }

    [Theory]
    [InlineData("the employer")]
    [InlineData("another provider")]
    [InlineData("an admin")]
    public void CoSignGateway_BySomeoneOtherThanTheCasesProvider_IsRefused(string who)
    {
        var scenario = WithProvider(CaseScenario.In(CaseState.Registered));
        var actor = who switch { "the employer" => Actors.Employer, "another provider" => Actors.OtherProvider, _ => Actors.Admin };

        var outcome = scenario.Workflow().CoSignGateway(scenario.Case, actor, scenario.Parties, "Priya Patel", "Manager", readinessConfirmed: true);

        Assert.Equal("Only the apprentice's training provider can co-sign the gateway.", Assert.Single(outcome.Problems));
        Assert.Null(scenario.Case.ProviderGatewaySignedAt);
    }

    [Fact]
    public void CoSignGateway_WithoutTheDeclarationOrSignatory_ListsEveryProblem()
    {
        var scenario = WithProvider(CaseScenario.In(CaseState.Registered));

        var outcome = scenario.Workflow().CoSignGateway(scenario.Case, Actors.Provider, scenario.Parties, " ", null, readinessConfirmed: false);

        Assert.Equal(
            ["Confirm that the apprentice is ready for the end-point assessment and their training is complete.", "Give the name and job title of the person co-signing for the training provider."],
            outcome.Problems);
    }

    [Fact]
    public void CoSignGateway_OnceTheGatewayIsSubmitted_IsRefused()
    {
        var scenario = WithProvider(CaseScenario.In(CaseState.GatewaySubmitted));

        var outcome = scenario.Workflow().CoSignGateway(scenario.Case, Actors.Provider, scenario.Parties, "Priya Patel", "Manager", readinessConfirmed: true);

        Assert.Equal("The gateway has been submitted: it can be co-signed again only after the assessment organisation rejects it.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void Allocate_AnAssessorWithAConflictWithTheCasesProvider_IsRefused()
    {
        var scenario = WithProvider(CaseScenario.In(CaseState.GatewayApproved));
        var conflict = new ConflictOfInterest(Actors.OtherAssessor.UserId, Actors.TrainerId, "Former tutor there", new DateOnly(2026, 1, 1), null, TestClock.Now.AddYears(-1));

        var outcome = scenario.Workflow().AllocateAssessor(scenario.Case, Actors.Admin, Actors.OtherAssessor, [conflict], scenario.Facts());

        Assert.Equal("This assessor declared a conflict with the case's training provider.", Assert.Single(outcome.Problems));
        Assert.Equal(Actors.AssessorId, scenario.Case.AssessorId);
    }

    [Fact]
    public void Allocate_AUserOfTheCasesProvider_IsRefusedAsAParty()
    {
        var scenario = WithProvider(CaseScenario.In(CaseState.GatewayApproved));
        var tutor = new Actor("provider-assessor", "Tom Tutor", [PortalRole.Assessor, PortalRole.Provider], Actors.TrainerId);

        var outcome = scenario.Workflow().AllocateAssessor(scenario.Case, Actors.Admin, tutor, [], scenario.Facts());

        Assert.Equal("Tom Tutor is a party to this case and cannot assess it.", Assert.Single(outcome.Problems));
    }

    [Fact]
    public void ApproveGateway_WithAnAssessorInConflictWithTheProvider_IsRefused()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.GatewaySubmitted, CaseState.GatewayApproved));
        scenario.Conflicts.Add(new ConflictOfInterest(Actors.AssessorId, Actors.TrainerId, "Former tutor there", new DateOnly(2026, 1, 1), null, TestClock.Now.AddYears(-1)));

        var outcome = scenario.Move(CaseState.GatewayApproved);

        Assert.Contains("The allocated assessor declared a conflict with the case's training provider: allocate another assessor before approving the gateway.", outcome.Problems);
    }

    [Theory]
    [InlineData(CaseState.Registered, true)]
    [InlineData(CaseState.GatewayRejected, true)]
    [InlineData(CaseState.GatewaySubmitted, false)]
    [InlineData(CaseState.GatewayApproved, false)]
    public void GatewayEvidence_IsOpenOnlyWhileTheGatewayIsPrepared(CaseState state, bool open)
    {
        Assert.Equal(open, CaseWorkflow.GatewayEvidenceClosed(state, isOnHold: false) is null);
        Assert.NotNull(CaseWorkflow.GatewayEvidenceClosed(state, isOnHold: true));
    }

    [Theory]
    [InlineData(CaseState.ResitPlanned, "The training provider has not agreed to a re-sit yet: it records its agreement in the portal.")]
    [InlineData(CaseState.RetakePlanned, "The training provider has not agreed to a re-take yet: it records its agreement in the portal.")]
    public void PlanNextAttempt_OfACaseNamingAProvider_NeedsTheProvidersAgreement_NotTheEmployersTick(CaseState target, string expected)
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.FailRecorded, target));
        scenario.EmployerAgreed = true;

        Assert.Equal(expected, Assert.Single(scenario.Move(target, Actors.Admin).Problems));
        Assert.Equal(1, scenario.Case.Attempt);
    }

    [Fact]
    public void AgreeRetake_WithoutASupportiveActionPlan_IsRefused_AndRecordsNothing()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.RetakePlanned));

        var outcome = scenario.Workflow().AgreeNextAttempt(scenario.Case, Actors.Provider, scenario.Parties, AttemptKind.Retake, "Priya Patel", " ", planFileId: null);

        Assert.Equal("A re-take needs your supportive action plan: describe the further training before the next attempt.", Assert.Single(outcome.Problems));
        Assert.Null(scenario.Case.ProviderAgreedNextAttempt);
    }

    [Fact]
    public void AgreeRetake_WithAPlan_LetsTheAdminPlanTheRetake_ButNotAResit()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.RetakePlanned));
        scenario.EmployerAgreed = false;

        var agreed = scenario.Workflow().AgreeNextAttempt(scenario.Case, Actors.Provider, scenario.Parties, AttemptKind.Retake, "Priya Patel", "Four weeks of testing practice.", planFileId: null);
        var resit = scenario.Workflow().Check(scenario.Case, CaseState.ResitPlanned, Actors.Admin, scenario.Facts(), reason: null);
        var retake = scenario.Move(CaseState.RetakePlanned, Actors.Admin);

        Assert.Equal(CaseActions.NextAttemptAgreed, agreed.Audit!.Action);
        Assert.Contains("supportive action plan: Four weeks of testing practice.", agreed.Audit.Details, StringComparison.Ordinal);
        Assert.Equal("The training provider agreed to a re-take, not a re-sit.", Assert.Single(resit));
        Assert.True(retake.Succeeded);
        Assert.Equal((2, AttemptKind.Retake), (scenario.Case.Attempt, scenario.Case.AttemptKind));
    }

    [Fact]
    public void AgreeNextAttempt_ByAnotherProviderOrTheEmployer_IsRefused()
    {
        var scenario = WithProvider(CaseScenario.ReadyFor(CaseState.FailRecorded, CaseState.ResitPlanned));

        foreach (var actor in new[] { Actors.OtherProvider, Actors.Employer })
        {
            var outcome = scenario.Workflow().AgreeNextAttempt(scenario.Case, actor, scenario.Parties, AttemptKind.Resit, "Someone", null, planFileId: null);
            Assert.Equal("Only the apprentice's training provider can agree a re-sit or a re-take.", Assert.Single(outcome.Problems));
        }

        Assert.Null(scenario.Case.ProviderAgreedNextAttempt);
    }

    private static CaseScenario WithProvider(CaseScenario scenario)
    {
        scenario.Case.ProviderOrganisationId = Actors.TrainerId;
        scenario.Parties = Actors.PartiesWithProvider;
        return scenario;
    }

    private static Apprentice Apprentice(string uln) =>
        new(uln, "Alex", "Apprentice", "alex@acme.example", Actors.AcmeId, new DateOnly(2025, 9, 1));
}
