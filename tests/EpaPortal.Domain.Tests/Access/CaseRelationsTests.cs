using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Access;

/// <summary>How a viewer or actor stands towards a case, and "never two roles on the same case".</summary>
[Trait("Category", "Unit")]
public class CaseRelationsTests
{
    private static readonly EpaCase Case = CaseScenario.In(CaseState.Graded).Case;

    public static TheoryData<string, CaseRelation> People() => new()
    {
        { "the case's apprentice", CaseRelation.Apprentice },
        { "another apprentice", CaseRelation.None },
        { "the apprentice's user id without the Apprentice role", CaseRelation.None },
        { "an employer of Acme Ltd", CaseRelation.Employer },
        { "an employer of another organisation", CaseRelation.None },
        { "an employer with no organisation", CaseRelation.None },
        { "the allocated assessor", CaseRelation.AllocatedAssessor },
        { "another assessor", CaseRelation.None },
        { "a quality assurer", CaseRelation.QualityAssurer },
        { "the allocated assessor who is also a quality assurer", CaseRelation.AllocatedAssessor },
        { "an admin", CaseRelation.Admin },
        { "an admin who is also a quality assurer", CaseRelation.Admin | CaseRelation.QualityAssurer },
        { "the allocated assessor who is also an admin", CaseRelation.AllocatedAssessor | CaseRelation.Admin },
        { "the case's apprentice who is also an admin", CaseRelation.Apprentice },
        { "an Acme employer who is also an assessor allocated to the case", CaseRelation.Employer },
        { "the portal", CaseRelation.System },
        { "someone with no role", CaseRelation.None },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void RelationOf_EachKindOfPerson_IsDecidedInTheDomain(string person, CaseRelation expected)
    {
        Assert.Equal(expected, CaseRelations.Of(ActorFor(person), Case, Actors.Parties));
    }

    public static TheoryData<string, CaseRelation> PeopleOfACaseWithAProvider() => new()
    {
        { "a user of the case's training provider", CaseRelation.Provider },
        { "a user of another training provider", CaseRelation.None },
        { "an employer user of the training provider's organisation", CaseRelation.None },
        { "a user of an organisation that employs and trains the apprentice", CaseRelation.Employer | CaseRelation.Provider },
        { "a provider user who is also an admin", CaseRelation.Provider },
        { "an employer of Acme Ltd", CaseRelation.Employer },
    };

    [Theory]
    [MemberData(nameof(PeopleOfACaseWithAProvider))]
    public void RelationOf_PeopleOfACaseNamingATrainingProvider_IsDecidedInTheDomain(string person, CaseRelation expected)
    {
        var actor = person switch
        {
            "a user of the case's training provider" => Actors.Provider,
            "a user of another training provider" => Actors.OtherProvider,
            "an employer user of the training provider's organisation" => new Actor("employer-t", "Tia", [PortalRole.Employer], Actors.TrainerId),
            "a provider user who is also an admin" => new Actor("provider-a", "Pat", [PortalRole.Provider, PortalRole.Admin], Actors.TrainerId),
            "an employer of Acme Ltd" => Actors.Employer,
            _ => new Actor("both-1", "Bea", [PortalRole.Employer, PortalRole.Provider], Actors.AcmeId),
        };
        var parties = person == "a user of an organisation that employs and trains the apprentice"
            ? Actors.PartiesWithProvider with { ProviderOrganisationId = Actors.AcmeId }
            : Actors.PartiesWithProvider;

        Assert.Equal(expected, CaseRelations.Of(actor, Case, parties));
    }

    [Fact]
    public void RelationOf_AProviderUserOnACaseNamingNoProvider_IsNone()
    {
        Assert.Equal(CaseRelation.None, CaseRelations.Of(Actors.Provider, Case, Actors.Parties));
    }

    [Fact]
    public void RelationOf_AnApprenticeWhoseCaseHasNoUserYet_IsNone()
    {
        var parties = Actors.Parties with { ApprenticeUserId = null };

        Assert.Equal(CaseRelation.None, CaseRelations.Of(Actors.Apprentice, Case, parties));
    }

    [Fact]
    public void RelationOf_AnAssessorOnACaseWithNoAssessor_IsNone()
    {
        var epaCase = CaseScenario.In(CaseState.Registered).Case;

        Assert.Equal(CaseRelation.None, CaseRelations.Of(Actors.Assessor, epaCase, Actors.Parties));
    }

    [Fact]
    public void Parties_FromACaseWithItsApprenticeLoaded_AreReadFromIt()
    {
        var organisation = new Organisation("Acme Ltd").WithId(7);
        var apprentice = new Apprentice("1234567899", "Alex", "Apprentice", "alex@acme.example", 7, new DateOnly(2025, 9, 1)) { UserId = "apprentice-user-1" };
        typeof(Apprentice).GetProperty(nameof(Apprentice.Organisation))!.SetValue(apprentice, organisation);
        var epaCase = CaseScenario.In(CaseState.Registered).Case;
        typeof(EpaCase).GetProperty(nameof(EpaCase.Apprentice))!.SetValue(epaCase, apprentice);

        Assert.Equal(Actors.Parties, CaseParties.From(epaCase));
    }

    [Fact]
    public void Parties_FromACaseWithoutItsApprenticeLoaded_IsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => CaseParties.From(CaseScenario.In(CaseState.Registered).Case));
    }

    private static Actor ActorFor(string person) => person switch
    {
        "the case's apprentice" => Actors.Apprentice,
        "another apprentice" => Actors.OtherApprentice,
        "the apprentice's user id without the Apprentice role" => new Actor(Actors.ApprenticeUserId, "Alex", []),
        "an employer of Acme Ltd" => Actors.Employer,
        "an employer of another organisation" => Actors.OtherEmployer,
        "an employer with no organisation" => new Actor("employer-x", "Lee", [PortalRole.Employer]),
        "the allocated assessor" => Actors.Assessor,
        "another assessor" => Actors.OtherAssessor,
        "a quality assurer" => Actors.QualityAssurer,
        "the allocated assessor who is also a quality assurer" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.QualityAssurer]),
        "an admin" => Actors.Admin,
        "an admin who is also a quality assurer" => new Actor("admin-qa", "Pat", [PortalRole.Admin, PortalRole.QualityAssurer]),
        "the allocated assessor who is also an admin" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.Admin]),
        "the case's apprentice who is also an admin" => new Actor(Actors.ApprenticeUserId, "Alex", [PortalRole.Apprentice, PortalRole.Admin]),
        "an Acme employer who is also an assessor allocated to the case" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.Employer], Actors.AcmeId),
        "the portal" => Actor.System,
        _ => Actors.Stranger,
    };
}
