using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Access;

/// <summary>Issue 23: an API client is an actor whose relation to a case is its organisation's, decided here.</summary>
[Trait("Category", "Unit")]
public class ApiClientAccessTests
{
    private static readonly CaseWorkflow Workflow = new(TestClock.At(TestClock.Now));

    private static Actor Client(int organisationId, OrganisationParts parts = OrganisationParts.Employer, params string[] scopes) =>
        Actor.ForApiClient("api:c1", "Acme MIS", new ApiClientGrant("c1", new OrganisationScope(organisationId, parts), scopes.Length == 0 ? ApiScopes.All.ToHashSet() : scopes.ToHashSet()));

    [Fact]
    public void ClientOfTheEmployer_IsTheCasesOrganisationClient()
    {
        Assert.Equal(CaseRelation.OrganisationClient, CaseRelations.Of(Client(Actors.AcmeId), "assessor-1", Actors.Parties));
    }

    [Fact]
    public void ClientOfAnotherOrganisation_IsUnrelated()
    {
        Assert.Equal(CaseRelation.None, CaseRelations.Of(Client(9), "assessor-1", Actors.Parties));
    }

    [Fact]
    public void ProviderPart_ReachesTheCasesThatNameTheProvider_AndOnlyWhenTheOrganisationIsAProvider()
    {
        var parties = Actors.Parties with { ProviderOrganisationId = 12 };
        Assert.Equal(CaseRelation.OrganisationClient, CaseRelations.Of(Client(12, OrganisationParts.Employer | OrganisationParts.TrainingProvider), (string?)null, parties));
        Assert.Equal(CaseRelation.None, CaseRelations.Of(Client(12, OrganisationParts.Employer), (string?)null, parties));
    }

    [Fact]
    public void OrganisationParts_AProviderIsAnOrganisationWithAValidUkprn()
    {
        Assert.Equal(OrganisationParts.Employer, OrganisationScope.PartsOf(new Organisation("Acme Ltd")));
        Assert.Equal(OrganisationParts.Employer | OrganisationParts.TrainingProvider, OrganisationScope.PartsOf(new Organisation("Learn Ltd") { Ukprn = "10012345" }));
        Assert.Equal(OrganisationParts.Employer, OrganisationScope.PartsOf(new Organisation("Typo Ltd") { Ukprn = "123" }));
    }

    [Theory]
    [InlineData(CaseState.Graded, false, false)]
    [InlineData(CaseState.IqaApproved, false, false)]
    [InlineData(CaseState.ResultReleased, true, true)]
    public void OrganisationClient_SeesTheCase_AndTheResultOnlyOnceReleased(CaseState state, bool released, bool seesResult)
    {
        var view = CaseVisibility.For(CaseRelation.OrganisationClient, new VisibilityContext(state, true, true, released));
        Assert.True(view.Case);
        Assert.Equal(seesResult, view.Result);
        Assert.False(view.AssessorNotes);
        Assert.False(view.ProjectBrief);
        Assert.False(view.EmployerReference);
        Assert.False(view.EvidenceFiles);
    }

    [Fact]
    public void OrganisationClient_IsAParty_NeverStaff()
    {
        Assert.True(CaseRelation.OrganisationClient.IsParty());
        Assert.False(CaseRelation.OrganisationClient.IsStaff());
    }

    [Theory]
    [InlineData(ApiCaseOperation.Read, "read", true)]
    [InlineData(ApiCaseOperation.Read, "upload", false)]
    [InlineData(ApiCaseOperation.ReadResult, "read", true)]
    [InlineData(ApiCaseOperation.UploadGatewayEvidence, "upload", true)]
    [InlineData(ApiCaseOperation.UploadGatewayEvidence, "read register", false)]
    public void ApiPermissions_NeedTheOperationsScope(ApiCaseOperation operation, string scopes, bool allowed)
    {
        var grant = Client(Actors.AcmeId, OrganisationParts.Employer, scopes.Split(' ')).ApiClient!;
        var view = CaseVisibility.For(CaseRelation.OrganisationClient, new VisibilityContext(CaseState.ResultReleased, true, true, true));
        Assert.Equal(allowed, ApiPermissions.Allows(operation, grant, CaseRelation.OrganisationClient, view));
    }

    [Fact]
    public void ApiPermissions_AnUnreleasedResult_IsRefusedEvenWithReadScope()
    {
        var grant = Client(Actors.AcmeId).ApiClient!;
        var view = CaseVisibility.For(CaseRelation.OrganisationClient, new VisibilityContext(CaseState.IqaApproved, true, true, false));
        Assert.False(ApiPermissions.Allows(ApiCaseOperation.ReadResult, grant, CaseRelation.OrganisationClient, view));
        Assert.False(ApiPermissions.Allows(ApiCaseOperation.Read, grant, CaseRelation.None, CaseView.Nothing));
    }

    [Fact]
    public void Register_ByAClientWithTheRegisterScope_ForItsOwnApprentice_Succeeds()
    {
        var apprentice = new Apprentice("1234567899", "Alex", "Apprentice", "alex@acme.example", Actors.AcmeId, new DateOnly(2025, 9, 1));
        Assert.True(Workflow.Register(apprentice, StandardVersions.St0128V1(), Client(Actors.AcmeId, OrganisationParts.Employer, ApiScopes.Register)).Succeeded);
    }

    [Theory]
    [InlineData(7, "read upload")]
    [InlineData(9, "register")]
    public void Register_ByAClientWithoutTheScopeOrForAnotherOrganisation_IsRefused(int organisationId, string scopes)
    {
        var apprentice = new Apprentice("1234567899", "Alex", "Apprentice", "alex@acme.example", Actors.AcmeId, new DateOnly(2025, 9, 1));
        var outcome = Workflow.Register(apprentice, StandardVersions.St0128V1(), Client(organisationId, OrganisationParts.Employer, scopes.Split(' ')));
        Assert.Equal("Only an admin can register a case.", Assert.Single(outcome.Problems));
    }

    [Theory]
    [InlineData("read register upload", true)]
    [InlineData("read", true)]
    [InlineData("", true)]
    [InlineData("read admin", false)]
    [InlineData("READ", false)]
    public void ApiScopes_Parse_AcceptsOnlyKnownScopes(string list, bool known)
    {
        Assert.Equal(known, ApiScopes.Parse(list) is not null);
    }
}
