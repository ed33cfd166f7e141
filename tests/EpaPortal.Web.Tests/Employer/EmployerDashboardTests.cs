using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>
/// The employer's dashboard shows the organisation's cases in assessment by default and the finished ones on
/// request, newest first, a keyset page at a time (issue 26). Its own portal: the tests count the organisation's cases.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class EmployerDashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Dashboard_ShowsCasesInAssessmentByDefault_AndFinishedOnesOnRequest()
    {
        var (_, open) = await EmployerScenario.NewCaseAsync(factory);
        var (_, finished) = await EmployerScenario.ToStateAsync(factory, CaseState.Withdrawn);
        var (_, elsewhere) = await EmployerScenario.ToStateAsync(factory, CaseState.Withdrawn, organisation: DemoDataSeeder.Northwind);
        using var employer = await factory.SignInAsync(Demo.Employer);

        var byDefault = await EmployerPages.OkPageAsync(employer, "/employer");
        var inAssessment = Ids(byDefault);
        Assert.Contains(open, inAssessment);
        Assert.DoesNotContain(finished, inAssessment);
        Assert.Equal("page", byDefault.QuerySelector("#employer-lists a[href='/employer']")!.GetAttribute("aria-current"));
        var openCount = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.Apprentice!.Organisation!.Name == DemoDataSeeder.Acme && OpenWork.OpenStates.Contains(c.State)));
        Assert.Contains($"{openCount} apprentice", byDefault.QuerySelector("#employer-count")!.TextContent, StringComparison.Ordinal);

        var history = await EmployerPages.OkPageAsync(employer, "/employer?show=closed");
        Assert.Contains(finished, Ids(history));
        Assert.DoesNotContain(open, Ids(history));
        Assert.DoesNotContain(elsewhere, Ids(history));
        Assert.Equal("page", history.QuerySelector("#employer-lists a[href='/employer?show=closed']")!.GetAttribute("aria-current"));
        Assert.Contains("Withdrawn", history.QuerySelector($"tr[data-case='{finished}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishedList_NewestFirst_PagedByKeyset_ALinkShowsTheSameCasesAfterAnotherFinishes()
    {
        // More than a page (25) of finished cases at the same moment: the case id breaks the tie.
        for (var i = 0; i < 27; i++)
        {
            await EmployerScenario.ToStateAsync(factory, CaseState.Withdrawn, new ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
        }

        using var employer = await factory.SignInAsync(Demo.Employer);
        var first = await EmployerPages.OkPageAsync(employer, "/employer?show=closed");
        Assert.Equal(25, Ids(first).Count);
        Assert.Equal(Ids(first).OrderDescending(), Ids(first));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await EmployerPages.OkPageAsync(employer, next);
        Assert.NotEmpty(Ids(second));
        Assert.True(Ids(second).Max() < Ids(first).Min());

        // A case finishes later than all of them: it heads the list, and the second page's link is unchanged.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (_, latest) = await EmployerScenario.ToStateAsync(factory, CaseState.Withdrawn, new ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
        var secondAgain = await EmployerPages.OkPageAsync(employer, next);
        Assert.Equal(Ids(second), Ids(secondAgain));
        var firstAgain = await EmployerPages.OkPageAsync(employer, "/employer?show=closed");
        Assert.Equal(latest, Ids(firstAgain)[0]);
        var previous = await EmployerPages.OkPageAsync(employer, secondAgain.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(Ids(first), Ids(previous));
    }

    [Fact]
    public async Task FinishedList_WithALinkThatIsNotOne_ShowsTheFirstPageAndSaysSo()
    {
        using var employer = await factory.SignInAsync(Demo.Employer);
        var response = await employer.GetAsync("/employer?show=closed&before=not-a-cursor");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("not valid any more", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private static List<int> Ids(AngleSharp.Dom.IDocument document) =>
        document.QuerySelectorAll("#employer-cases tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
