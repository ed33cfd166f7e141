using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>The caseload lists only the assessor's own cases, most urgent first, filtered, searched and paged.</summary>
[Trait(Category.Name, Category.Integration)]
public class CaseloadTests(CaseloadTests.Factory factory) : IClassFixture<CaseloadTests.Factory>
{
    /// <summary>The smallest page, so a few cases make two pages.</summary>
    public sealed class Factory : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Assessor:PageSize", "10");
    }

    [Fact]
    public async Task Caseload_ListsOnlyTheCasesAllocatedToTheAssessor()
    {
        var mine = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var theirs = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor2);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var allocated = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.AssessorId == db.Users.Single(u => u.Email == Demo.Assessor).Id));
        var ids = new List<int>();
        for (var page = 1; page <= (allocated + 9) / 10; page++)
        {
            var (_, document) = await assessor.GetPageAsync($"/assessor?page={page}");
            ids.AddRange(document.QuerySelectorAll("tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!, System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Contains(mine.CaseId, ids);
        Assert.DoesNotContain(theirs.CaseId, ids);
        Assert.Equal(allocated, ids.Distinct().Count());
    }

    [Fact]
    public async Task Caseload_PutsOverdueCasesFirst_ThenYourActions_ThenCasesWaitingOnOthers()
    {
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted, Demo.Assessor2);
        factory.Clock.Advance(TimeSpan.FromDays(11));
        await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor2);
        await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor2);
        using var assessor = await factory.SignInAsync(Demo.Assessor2);

        var (_, document) = await assessor.GetPageAsync("/assessor?page=1");
        var urgencies = document.QuerySelectorAll("tr[data-case]").Select(r => r.ClassName!).ToList();

        Assert.Equal("caseload-overdue", urgencies[0]);
        Assert.Contains("caseload-needsaction", urgencies);
        Assert.Contains("caseload-waiting", urgencies);
        var rank = urgencies.Select(u => u switch { "caseload-overdue" => 0, "caseload-needsaction" => 1, "caseload-waiting" => 2, _ => 3 }).ToList();
        Assert.Equal(rank.Order().ToList(), rank);
        Assert.Contains("Overdue", document.QuerySelector("tr.caseload-overdue")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caseload_FiltersByState_AndSearchesByNameOrUln()
    {
        var reviewCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview, Demo.Assessor);
        var scheduledCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor);
        var (uln, name) = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == reviewCase.CaseId)
            .Select(c => new ValueTuple<string, string>(c.Apprentice!.Uln, c.Apprentice.GivenNames + " " + c.Apprentice.FamilyName)).SingleAsync());
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, byUln) = await assessor.GetPageAsync($"/assessor?search={uln[..7]}");
        Assert.Equal([reviewCase.CaseId], Ids(byUln));

        var (_, byName) = await assessor.GetPageAsync($"/assessor?search={Uri.EscapeDataString(name.ToUpperInvariant())}");
        Assert.Equal([reviewCase.CaseId], Ids(byName));

        var (_, byState) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled");
        Assert.Contains(scheduledCase.CaseId, Ids(byState));
        Assert.DoesNotContain(reviewCase.CaseId, Ids(byState));
        Assert.All(byState.QuerySelectorAll("tr[data-case] td:nth-child(3)"), cell => Assert.Contains("Project scheduled", cell.TextContent, StringComparison.Ordinal));

        var (_, wildcard) = await assessor.GetPageAsync("/assessor?search=%25");
        Assert.Empty(Ids(wildcard));
    }

    [Fact]
    public async Task Caseload_ShowsAPageOfRowsAndTheTotal()
    {
        for (var i = 0; i < 11; i++)
        {
            await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectScheduled, Demo.Assessor, new Data.Seed.ScenarioOptions { WriteFiles = false, EvidenceItems = 1 });
        }

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var total = await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.State == CaseState.ProjectScheduled && c.AssessorId == db.Users.Single(u => u.Email == Demo.Assessor).Id));

        var (_, first) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled");
        var (_, second) = await assessor.GetPageAsync("/assessor?state=ProjectScheduled&page=2");

        Assert.Equal(10, Ids(first).Count);
        Assert.Equal(total - 10, Ids(second).Count);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Contains($"{total} cases", first.QuerySelector("#caseload-count")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Caseload_WithAnUnknownState_SaysSoAndShowsEveryState()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var (response, document) = await assessor.GetPageAsync("/assessor?state=Nonsense&page=999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That state is not known", document.Body!.TextContent, StringComparison.Ordinal);
    }

    private static List<int> Ids(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
