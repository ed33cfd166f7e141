using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 21, item 2: the admin sorts the apprentice list by a column heading, turns it round, downloads the
/// sorted list as CSV, and reads the same list on a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class ListSortJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Admin_SortsTheApprentices_ByAHeading_BothWays_AndDownloadsTheSortedCsv()
    {
        var page = await SignInAsync(Demo.Admin, "/admin/apprentices");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Apprentices");
        await Expect(page.Locator("#apprentices-table th[aria-sort='ascending']")).ToContainTextAsync("Name");

        await page.Locator("#apprentices-table th").Filter(new() { HasText = "Started" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=started"));
        await Expect(page.Locator("#apprentices-table th[aria-sort='ascending']")).ToContainTextAsync("Started");
        await page.Locator("#apprentices-table th[aria-sort] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=-started"));
        await Expect(page.Locator("#apprentices-table th[aria-sort='descending']")).ToContainTextAsync("Started");
        await CheckPageAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#apprentices-export").ClickAsync());
        Assert.Equal("epa-apprentices.csv", download.SuggestedFilename);
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name,ULN,Organisation,Started,Portal account,Cases", csv[0]);
        var started = csv.Skip(1).Select(l => l.Split(',')[^3]).ToList();
        Assert.Equal(started.OrderDescending(StringComparer.Ordinal), started);

        // On a phone the table scrolls in its own box and the page keeps its width.
        await page.SetViewportSizeAsync(390, 900);
        await page.ReloadAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the apprentice list is wider than a 390 px phone");
        await CheckPageAsync(page, "admin-apprentices-sorted-phone");
    }
}
