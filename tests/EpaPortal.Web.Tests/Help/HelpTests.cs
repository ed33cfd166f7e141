using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Help;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Help;

/// <summary>
/// Help where it is needed (issue 25, item 7): the role guides are served inside the portal, every page's
/// header links to its section of the role's guide, and every section the portal links to exists.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class HelpTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EverySectionThePortalLinksTo_IsAHeadingOfItsGuide()
    {
        using var client = await factory.SignInAsync(Demo.Assessor);
        var missing = new List<string>();
        foreach (var guide in HelpTopics.Guides)
        {
            var (response, page) = await client.GetPageAsync($"/help/{guide}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("article.help-guide h1"));
            foreach (var topic in HelpTopics.All.Where(t => t.Guide == guide))
            {
                if (page.GetElementById(topic.Anchor!) is null)
                {
                    missing.Add($"{guide}#{topic.Anchor}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Sections linked to but not in the guides: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task AGuide_ShowsItsScreenshots_AndLinksToOtherGuidesInsideThePortal()
    {
        using var client = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await client.GetPageAsync("/help/admin");
        var images = page.QuerySelectorAll("article.help-guide img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.NotEmpty(images);
        Assert.All(images, src => Assert.StartsWith("/help/images/", src, StringComparison.Ordinal));
        var image = await client.GetAsync(images[0]);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);

        Assert.DoesNotContain(page.QuerySelectorAll("article.help-guide a[href]").Select(a => a.GetAttribute("href")!), href => href.StartsWith("guide-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyTheGuidesAndTheirImages_AreServed_AndOnlyToPeopleSignedIn()
    {
        using var client = await factory.SignInAsync(Demo.Apprentice);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/help/secrets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/help/images/..%2Fappsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/help/images/no-such-picture.png")).StatusCode);

        using var anonymous = factory.CreatePortalClient();
        var response = await anonymous.GetAsync("/help/apprentice");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagesHeader_LinksToItsSectionOfTheRolesGuide()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var (_, judgement) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Equal("/help/assessor#7-record-the-final-judgement", judgement.QuerySelector("#help-link")!.GetAttribute("href"));

        using var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail);
        var (_, portfolio) = await apprentice.GetPageAsync("/apprentice/portfolio");
        Assert.Equal("/help/apprentice#build-your-portfolio", portfolio.QuerySelector("#help-link")!.GetAttribute("href"));

        // A page the table does not name: the top of the role's guide.
        var (_, privacy) = await apprentice.GetPageAsync("/account/privacy");
        Assert.Equal("/help/apprentice", privacy.QuerySelector("#help-link")!.GetAttribute("href"));
    }

    [Fact]
    [Trait(Category.Name, Category.Unit)]
    public void TheTable_ChoosesTheMostSpecificSection_ThenTheRolesGuide()
    {
        Assert.Equal(new HelpTopic("assessor", "4-write-your-pre-interview-notes"), HelpTopics.For("/assessor/cases/12/notes", "assessor"));
        Assert.Equal(new HelpTopic("assessor", "3-review-the-case"), HelpTopics.For("/assessor/cases/12", "assessor"));
        Assert.Equal(new HelpTopic("admin-results", "releasing-results-adminresults"), HelpTopics.For("/admin/results/cases/3", "admin"));
        Assert.Equal(new HelpTopic("employer", null), HelpTopics.For("/account/privacy", "employer"));
        Assert.Null(HelpTopics.For("/account/privacy", null));
    }
}
