using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Admin;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Results;

/// <summary>Issue 21, item 2, on the released results: sorted by release time either way, the decision the tie-break, the sort kept in the URL.</summary>
[Trait(Category.Name, Category.Integration)]
public sealed class ReleasedSortTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ReleasedResults_SortByReleaseTime_BothWays_AndTheHeaderTurnsTheOrderRound()
    {
        var ids = new List<int>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var scenarios = new TestScenarios(scope.ServiceProvider);
            var organisationId = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
            for (var i = 0; i < 4; i++)
            {
                var apprentice = await scenarios.CreateApprenticeAsync(organisationId);
                ids.Add(await scenarios.CreateAsync(apprentice.Id, CaseState.ResultReleased, new ScenarioOptions { WriteFiles = false, EvidenceItems = 1 }));
                factory.Clock.Advance(TimeSpan.FromMinutes(i % 2 == 0 ? 0 : 5));
            }
        }

        var released = await factory.WithDbAsync(db => db.GradeDecisions.Where(d => d.ReleasedAt != null).Select(d => new { d.CaseId, d.Id, ReleasedAt = d.ReleasedAt!.Value }).ToListAsync());
        var latestFirst = released.OrderByDescending(d => d.ReleasedAt).ThenByDescending(d => d.Id).Select(d => d.CaseId).Where(ids.Contains).ToList();
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (response, byDefault) = await admin.GetPageAsync("/admin/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = byDefault.QuerySelector("#released-table th[aria-sort]")!;
        Assert.Equal("descending", header.GetAttribute("aria-sort"));
        Assert.Equal(latestFirst, CaseIds(byDefault).Where(ids.Contains).ToList());

        var toggle = header.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("/admin/results?sort=released", toggle);
        var (_, earliest) = await admin.GetPageAsync(toggle);
        Assert.Equal("ascending", earliest.QuerySelector("#released-table th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Equal(Enumerable.Reverse(latestFirst).ToList(), CaseIds(earliest).Where(ids.Contains).ToList());

        // The list downloads in the sort shown, every released result (the national service's file is export.csv).
        Assert.Equal("/admin/results/released.csv?sort=released", earliest.QuerySelector("#released-export")!.GetAttribute("href"));
        Assert.Equal("/admin/results/released.csv", byDefault.QuerySelector("#released-export")!.GetAttribute("href"));
        async Task<List<int>> ExportedAsync(string url)
        {
            var export = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Case,Apprentice,Employer,Attempt,Grade,Released,Stage,Certificate", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Equal(released.Select(d => d.CaseId).Distinct().Count(), lines.Length - 1);
            return lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).Where(ids.Contains).ToList();
        }

        Assert.Equal(latestFirst, await ExportedAsync("/admin/results/released.csv"));
        Assert.Equal(Enumerable.Reverse(latestFirst).ToList(), await ExportedAsync("/admin/results/released.csv?sort=released"));
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        Assert.Equal(HttpStatusCode.Forbidden, (await qa.GetAsync("/admin/results/released.csv")).StatusCode);
    }

    private static List<int> CaseIds(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#released-table tr[data-case-id]").Select(r => int.Parse(r.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture)).ToList();
}
