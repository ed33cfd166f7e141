using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>
/// Issue 21, item 2, on the admin's case list: columns sort on the server either way (the id the tie-break),
/// the sort stays in the URL through the keyset pages, and the filtered list downloads as CSV in the same order,
/// safe to open in a spreadsheet.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class ListSortExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CaseList_SortsByTimeInTheState_BothWays_AndThePagesKeepTheSort()
    {
        await RegisterCasesAsync(53, stepMinutes: 1);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var since = await factory.WithDbAsync(db => db.Cases.Where(c => c.State == CaseState.Registered).ToDictionaryAsync(c => c.Id, c => c.StateChangedAt));
        var expected = since.Keys.OrderByDescending(id => since[id]).ThenByDescending(id => id).ToList();

        var (_, first) = await admin.GetPageAsync("/admin/cases?state=Registered&sort=-since");
        Assert.Equal("descending", first.QuerySelector("#cases-table th[aria-sort]")!.GetAttribute("aria-sort"));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("sort=-since", next, StringComparison.Ordinal);
        var (_, second) = await admin.GetPageAsync(next);
        var shown = Ids(first).Concat(Ids(second)).ToList();
        Assert.True(shown.Count > 50, $"{shown.Count} cases on two pages");
        Assert.Equal(expected.Take(shown.Count), shown);

        // The header of the sorted column turns it round; the default for a state is longest waiting first.
        var toggle = first.QuerySelector("#cases-table th[aria-sort] a")!.GetAttribute("href")!;
        Assert.Contains("sort=since", toggle, StringComparison.Ordinal);
        var (_, ascending) = await admin.GetPageAsync(toggle);
        Assert.Equal(expected.AsEnumerable().Reverse().Take(50), Ids(ascending));
        var (_, byDefault) = await admin.GetPageAsync("/admin/cases?state=Registered");
        Assert.Equal(Ids(ascending), Ids(byDefault));
    }

    [Fact]
    public async Task CaseList_SortsByCaseNumber_OldestFirst_AndAnUnknownSortIsTheDefault()
    {
        await RegisterCasesAsync(3);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var all = await factory.WithDbAsync(db => db.Cases.Select(c => c.Id).ToListAsync());

        var (_, oldest) = await admin.GetPageAsync("/admin/cases?show=all&sort=case");
        Assert.Equal(all.Order().Take(50), Ids(oldest));
        Assert.Equal("ascending", oldest.QuerySelector("#cases-table th[aria-sort]")!.GetAttribute("aria-sort"));

        var (response, unknown) = await admin.GetPageAsync("/admin/cases?show=all&sort=drop%20table");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(all.OrderDescending().Take(50), Ids(unknown));
    }

    [Fact]
    public async Task CaseList_ExportsTheFilteredListInItsSort_WithoutFormulas()
    {
        var ids = await RegisterCasesAsync(4, stepMinutes: 3, name: "=HYPERLINK(\"http://evil.example\") Sheet");
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/admin/cases?q=HYPERLINK&sort=-since");
        var export = page.QuerySelector("#cases-export")!.GetAttribute("href")!;
        Assert.StartsWith("/admin/cases/export.csv?", export, StringComparison.Ordinal);
        Assert.Contains("sort=-since", export, StringComparison.Ordinal);

        var response = await admin.GetAsync(export);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Case,Apprentice,ULN,Organisation,State,On hold,In this state since,Assessor,Standard", lines[0]);
        var since = await factory.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.StateChangedAt));
        Assert.Equal(ids.OrderByDescending(id => since[id]).ThenByDescending(id => id).Select(id => id.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Contains(",\"'=HYPERLINK(", l, StringComparison.Ordinal));

        // Admins only: the export is behind the same policy as the list.
        using var employer = await factory.SignInAsync(Demo.Employer);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync(export)).StatusCode);
    }

    private async Task<List<int>> RegisterCasesAsync(int count, int stepMinutes = 0, string? name = null)
    {
        var ids = new List<int>();
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
        for (var i = 0; i < count; i++)
        {
            var apprentice = await scenarios.CreateApprenticeAsync(organisationId, name: name);
            ids.Add(await scenarios.CreateAsync(apprentice.Id, CaseState.Registered, new ScenarioOptions { WriteFiles = false, EvidenceItems = 1 }));
            factory.Clock.Advance(TimeSpan.FromMinutes(stepMinutes));
        }

        return ids;
    }

    private static List<int> Ids(IHtmlDocument document) =>
        document.QuerySelectorAll("#cases-table tr[data-case-id]").Select(r => int.Parse(r.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture)).ToList();
}
