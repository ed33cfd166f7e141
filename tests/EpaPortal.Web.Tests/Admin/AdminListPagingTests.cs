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
/// The admin's long lists are keyset-paged (issue 26, item 2): a later page is read like the first (no
/// OFFSET), and a page's link shows the same rows while new ones are written meanwhile.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class AdminListPagingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CaseList_NewestFirst_ALaterPagesLinkShowsTheSameCasesWhileMoreAreRegistered()
    {
        await RegisterCasesAsync(55);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, first) = await admin.GetPageAsync("/admin/cases");
        var firstIds = Ids(first, "#cases-table tr[data-case-id]");
        Assert.Equal(50, firstIds.Count);
        Assert.Equal(firstIds.OrderDescending(), firstIds);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await admin.GetPageAsync(next);
        var secondIds = Ids(second, "#cases-table tr[data-case-id]");
        Assert.NotEmpty(secondIds);
        Assert.True(secondIds.Max() < firstIds.Min());

        var added = await RegisterCasesAsync(3);
        var (_, secondAgain) = await admin.GetPageAsync(next);
        Assert.Equal(secondIds, Ids(secondAgain, "#cases-table tr[data-case-id]"));
        var (_, firstAgain) = await admin.GetPageAsync("/admin/cases");
        Assert.Equal(added.OrderDescending(), Ids(firstAgain, "#cases-table tr[data-case-id]").Take(3));
        var (_, previous) = await admin.GetPageAsync(secondAgain.QuerySelector("a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(firstIds, Ids(previous, "#cases-table tr[data-case-id]"));
    }

    [Fact]
    public async Task CaseListByState_LongestWaitingFirst_KeepsTheFilterInItsPageLinks()
    {
        await RegisterCasesAsync(52, stepMinutes: 1);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, first) = await admin.GetPageAsync("/admin/cases?state=Registered");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("state=Registered", next, StringComparison.Ordinal);
        var (_, second) = await admin.GetPageAsync(next);

        var since = await factory.WithDbAsync(db => db.Cases.Where(c => c.State == CaseState.Registered).ToDictionaryAsync(c => c.Id, c => c.StateChangedAt));
        var shown = Ids(first, "#cases-table tr[data-case-id]").Concat(Ids(second, "#cases-table tr[data-case-id]")).ToList();
        Assert.Equal(shown.OrderBy(id => since[id]).ThenBy(id => id), shown);
        Assert.All(second.QuerySelectorAll("#cases-table tr[data-case-id] td:nth-child(5)"), cell => Assert.Contains("Registered", cell.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditLog_NewestFirst_ALaterPagesLinkShowsTheSameEntriesWhileMoreAreWritten()
    {
        await RegisterCasesAsync(55);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var (_, first) = await admin.GetPageAsync("/admin/audit");
        var firstIds = LongIds(first);
        Assert.Equal(50, firstIds.Count);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await admin.GetPageAsync(next);
        var secondIds = LongIds(second);
        Assert.NotEmpty(secondIds);
        var at = await factory.WithDbAsync(db => db.AuditEntries.ToDictionaryAsync(a => a.Id, a => a.At));
        var shown = firstIds.Concat(secondIds).ToList();
        Assert.Equal(shown.OrderByDescending(id => at[id]).ThenByDescending(id => id), shown);

        await RegisterCasesAsync(2);
        var (_, secondAgain) = await admin.GetPageAsync(next);
        Assert.Equal(secondIds, LongIds(secondAgain));

        // Filtered by an action (index Action+At), the count and the rows are that action's.
        var (_, registered) = await admin.GetPageAsync("/admin/audit?kind=CaseRegistered");
        Assert.All(registered.QuerySelectorAll("#audit-table tbody tr td:nth-child(3)"), cell => Assert.Equal("Case registered", cell.TextContent.Trim()));
        Assert.Contains("Case registered", registered.QuerySelectorAll("#audit-actions option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task AuditLog_CountsUpToALimit_ThenSaysMoreThan()
    {
        // Signing in is itself audited (a security event), so count after it.
        using var admin = await factory.SignInAsync(Demo.Admin);
        var total = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var (response, page) = await admin.GetPageAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.QuerySelector("#audit-count")!.TextContent;
        Assert.Contains(total <= Features.Admin.AuditLogService.CountLimit ? $"{total:N0} entr" : "More than 1,000 entries", text, StringComparison.Ordinal);

        var (_, broken) = await admin.GetPageAsync("/admin/audit?after=12~x");
        Assert.NotNull(broken.QuerySelector("#audit-problem"));
    }

    /// <summary>Registers cases for new apprentices through the real workflow; their ids, oldest first.</summary>
    private async Task<List<int>> RegisterCasesAsync(int count, int stepMinutes = 0)
    {
        var ids = new List<int>();
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
        for (var i = 0; i < count; i++)
        {
            var apprentice = await scenarios.CreateApprenticeAsync(organisationId);
            ids.Add(await scenarios.CreateAsync(apprentice.Id, CaseState.Registered, new ScenarioOptions { WriteFiles = false, EvidenceItems = 1 }));
            factory.Clock.Advance(TimeSpan.FromMinutes(stepMinutes));
        }

        return ids;
    }

    private static List<int> Ids(IHtmlDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(r => int.Parse(r.GetAttribute("data-case-id")!, CultureInfo.InvariantCulture)).ToList();

    private static List<long> LongIds(IHtmlDocument document) =>
        document.QuerySelectorAll("#audit-table tbody tr").Select(r => long.Parse(r.GetAttribute("data-audit-id")!, CultureInfo.InvariantCulture)).ToList();
}
