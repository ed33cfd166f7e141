using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Messaging;
using EpaPortal.Domain.Tests.TestData;

namespace EpaPortal.Domain.Tests.Messaging;

/// <summary>
/// Who takes part in a case's messages (issue 25, item 5; ADR 0031): every kind of person (role × relation to the case,
/// decided by <see cref="CaseRelations"/> as every access decision is), what they read and what they may post, in every state.
/// </summary>
[Trait("Category", "Unit")]
public class CaseMessagingTests
{
    // Columns: takes part · reads general · reads scheduling · posts general · posts scheduling.
    public static TheoryData<string, string> People() => new()
    {
        { "the case's apprentice",                                   "y y y y y" },
        { "another apprentice",                                      "- - - - -" },
        { "an employer of the apprentice's organisation",            "y y y y y" },
        { "an employer of another organisation",                     "- - - - -" },
        { "a user of the case's training provider",                  "y y y y y" },
        { "a user of another training provider",                     "- - - - -" },
        { "a user of an organisation that employs and trains",       "y y y y y" },
        { "the allocated assessor",                                  "y - y - y" },
        { "another assessor",                                        "- - - - -" },
        { "a quality assurer",                                       "- - - - -" },
        { "the allocated assessor who is also a quality assurer",    "y - y - y" },
        { "an admin",                                                "y y y y y" },
        { "an admin who is also a quality assurer",                  "y y y y y" },
        { "the allocated assessor who is also an admin",             "y y y y y" },
        { "the case's apprentice who is also an admin",              "y y y y y" },
        { "a provider user who is also an admin",                    "y y y y y" },
        { "an employer who is also the allocated assessor",          "y y y y y" },
        { "the employer's API client",                               "- - - - -" },
        { "the portal",                                              "- - - - -" },
        { "someone with no role",                                    "- - - - -" },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void EachKindOfPerson_TakesPartReadsAndPosts_ExactlyAsTheRowSays_InEveryState(string person, string row)
    {
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => c == "y").ToArray();
        var relation = CaseRelations.Of(ActorFor(person), Actors.AssessorId, Actors.PartiesWithProvider);
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var released in new[] { false, true })
            {
                var view = CaseVisibility.For(relation, new VisibilityContext(state, released, released, released));
                var actual = new[]
                {
                    CaseMessaging.TakesPart(relation, view),
                    CaseMessaging.MayRead(relation, view, MessageTopic.General),
                    CaseMessaging.MayRead(relation, view, MessageTopic.Scheduling),
                    CaseMessaging.MayPost(relation, view, MessageTopic.General),
                    CaseMessaging.MayPost(relation, view, MessageTopic.Scheduling),
                };
                Assert.True(cells.SequenceEqual(actual), $"{person} ({relation}) in {state}, released {released}: expected {row}, got {string.Join(' ', actual.Select(a => a ? "y" : "-"))}");
                Assert.Equal(actual[0], CasePermissions.Allows(CaseOperation.Message, relation, view));
            }
        }
    }

    [Fact]
    public void EverySingleRelationAndEveryCombination_IsAnswered_AndOnlyTheAllocatedAssessorIsLimitedToScheduling()
    {
        var flags = Enum.GetValues<CaseRelation>().Where(r => r != CaseRelation.None).ToArray();
        for (var mask = 0; mask < 1 << flags.Length; mask++)
        {
            var relation = flags.Where((_, i) => (mask & (1 << i)) != 0).Aggregate(CaseRelation.None, (a, b) => a | b);
            var view = CaseVisibility.For(relation, new VisibilityContext(CaseState.Graded, true, true, false));
            var general = CaseMessaging.MayRead(relation, view, MessageTopic.General);
            var scheduling = CaseMessaging.MayRead(relation, view, MessageTopic.Scheduling);

            // Whoever reads the general thread reads the scheduling messages too; nobody reads a topic without taking part.
            Assert.True(!general || scheduling, relation.ToString());
            Assert.Equal(scheduling, CaseMessaging.TakesPart(relation, view));
            Assert.Equal(scheduling && !general, CaseMessaging.IsSchedulingOnly(relation));
            if (CaseMessaging.IsSchedulingOnly(relation))
            {
                Assert.True(relation.HasFlag(CaseRelation.AllocatedAssessor) && !relation.HasFlag(CaseRelation.Admin) && !relation.IsParty(), relation.ToString());
            }

            // A quality assurer, the portal or an API client takes part only through another relation that does.
            if ((relation & (CaseRelation.Apprentice | CaseRelation.Employer | CaseRelation.Provider | CaseRelation.Admin | CaseRelation.AllocatedAssessor)) == 0)
            {
                Assert.False(CaseMessaging.TakesPart(relation, view), relation.ToString());
            }
        }
    }

    [Fact]
    public void SomeoneWhoCannotSeeTheCase_NeverTakesPart()
    {
        foreach (var relation in new[] { CaseRelation.Apprentice, CaseRelation.Employer, CaseRelation.Provider, CaseRelation.Admin, CaseRelation.AllocatedAssessor })
        {
            Assert.False(CaseMessaging.TakesPart(relation, CaseView.Nothing));
            Assert.False(CaseMessaging.MayPost(relation, CaseView.Nothing, MessageTopic.Scheduling));
        }
    }

    [Theory]
    [InlineData(CaseRelation.Apprentice, "Apprentice")]
    [InlineData(CaseRelation.Employer, "Employer")]
    [InlineData(CaseRelation.Employer | CaseRelation.Provider, "Employer")]
    [InlineData(CaseRelation.Provider, "Training provider")]
    [InlineData(CaseRelation.Admin, "Assessment organisation")]
    [InlineData(CaseRelation.Admin | CaseRelation.QualityAssurer, "Assessment organisation")]
    [InlineData(CaseRelation.AllocatedAssessor | CaseRelation.Admin, "Assessment organisation")]
    [InlineData(CaseRelation.AllocatedAssessor, "Assessor")]
    public void AuthorRole_NamesThePartInTheCase(CaseRelation relation, string expected)
    {
        Assert.Equal(expected, CaseMessaging.AuthorRole(relation));
    }

    [Theory]
    [InlineData(CaseRelation.QualityAssurer)]
    [InlineData(CaseRelation.None)]
    [InlineData(CaseRelation.System)]
    [InlineData(CaseRelation.OrganisationClient)]
    public void AuthorRole_OfSomeoneWhoTakesNoPart_IsAProgrammingError(CaseRelation relation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseMessaging.AuthorRole(relation));
    }

    [Fact]
    public void AMessage_RefusesAnEmptyOrOverlongBody()
    {
        Assert.Throws<ArgumentException>(() => new CaseMessage(1, "u", "U", "Apprentice", MessageTopic.General, " ", TestClock.Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaseMessage(1, "u", "U", "Apprentice", MessageTopic.General, new string('a', CaseMessage.MaxBodyLength + 1), TestClock.Now));
        Assert.Equal(CaseMessage.MaxBodyLength, new CaseMessage(1, "u", "U", "Apprentice", MessageTopic.General, new string('a', CaseMessage.MaxBodyLength), TestClock.Now).Body.Length);
    }

    [Fact]
    public void TheReadMarker_OnlyMovesForward()
    {
        var read = new CaseMessageRead(1, "u", 5, TestClock.Now);
        Assert.False(read.ReadUpTo(4, TestClock.Now.AddMinutes(1)));
        Assert.False(read.ReadUpTo(5, TestClock.Now.AddMinutes(1)));
        Assert.Equal(TestClock.Now, read.ReadAt);
        Assert.True(read.ReadUpTo(9, TestClock.Now.AddMinutes(2)));
        Assert.Equal(9, read.LastReadMessageId);
        Assert.Equal(TestClock.Now.AddMinutes(2), read.ReadAt);
    }

    private static Actor ActorFor(string person) => person switch
    {
        "the case's apprentice" => Actors.Apprentice,
        "another apprentice" => Actors.OtherApprentice,
        "an employer of the apprentice's organisation" => Actors.Employer,
        "an employer of another organisation" => Actors.OtherEmployer,
        "a user of the case's training provider" => Actors.Provider,
        "a user of another training provider" => Actors.OtherProvider,
        "a user of an organisation that employs and trains" => new Actor("both-1", "Bea", [PortalRole.Employer, PortalRole.Provider], Actors.AcmeId),
        "the allocated assessor" => Actors.Assessor,
        "another assessor" => Actors.OtherAssessor,
        "a quality assurer" => Actors.QualityAssurer,
        "the allocated assessor who is also a quality assurer" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.QualityAssurer]),
        "an admin" => Actors.Admin,
        "an admin who is also a quality assurer" => new Actor("admin-qa", "Pat", [PortalRole.Admin, PortalRole.QualityAssurer]),
        "the allocated assessor who is also an admin" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.Admin]),
        "the case's apprentice who is also an admin" => new Actor(Actors.ApprenticeUserId, "Alex", [PortalRole.Apprentice, PortalRole.Admin]),
        "a provider user who is also an admin" => new Actor("provider-a", "Pat", [PortalRole.Provider, PortalRole.Admin], Actors.TrainerId),
        "an employer who is also the allocated assessor" => new Actor(Actors.AssessorId, "Sam", [PortalRole.Assessor, PortalRole.Employer], Actors.AcmeId),
        "the employer's API client" => Actor.ForApiClient("api:c1", "Acme MIS", new ApiClientGrant("c1", new OrganisationScope(Actors.AcmeId, OrganisationParts.Employer), ApiScopes.All.ToHashSet())),
        "the portal" => Actor.System,
        "someone with no role" => Actors.Stranger,
        _ => throw new ArgumentOutOfRangeException(nameof(person)),
    };
}
