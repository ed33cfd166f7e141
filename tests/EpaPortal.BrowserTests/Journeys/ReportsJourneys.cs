using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 21: the admin opens the reports from the main navigation, follows a figure to the cases behind it,
/// groups the tables by assessor and downloads a report; the quality assurer opens the same page; both on a
/// desktop and a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class ReportsJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Admin_OpensTheReports_FollowsAFigureToItsCases_AndDownloadsTheCsv()
    {
        await JourneyData.CaseAsync(Portal, CaseState.ResultReleased, "Rhys Reported", new ScenarioOptions { AssessorEmail = Demo.Assessor2 });
        await JourneyData.CaseAsync(Portal, CaseState.FailRecorded, "Sian Reported", ScenarioOptions.Fail);

        var page = await SignInAsync(Demo.Admin);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports");
        await Expect(page.Locator("#results-table tr[data-group='all'] td[data-figure='Results']")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#chart-report-grades svg")).ToBeVisibleAsync();
        await CheckPageAsync(page, "reports-admin");

        // The figure of all passes leads to the list of exactly those cases.
        var passes = page.Locator("#results-table tr[data-group='all'] td[data-figure='Passed'] a");
        var count = (await passes.InnerTextAsync()).Trim();
        await passes.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Passed");
        await Expect(page.Locator("#figure-cases tbody tr")).ToHaveCountAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        await CheckPageAsync(page, "reports-figure-cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the reports" }).ClickAsync();

        // Grouped by assessor, kept in the URL; the CSV is the same report.
        await page.GetByLabel("Group tables by").SelectOptionAsync(new SelectOptionValue { Label = "Assessor" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show reports" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("by=assessor"));
        await Expect(page.Locator("#results-table thead th").First).ToHaveTextAsync("Assessor");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#results-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Assessor,Results,Distinction,Merit,Pass,Fail", csv, StringComparison.Ordinal);

        // A bad period is explained and what was chosen stays.
        await page.GotoAsync("/reports?from=2026-11-30&to=2026-11-01");
        await Expect(page.Locator("#report-problem")).ToContainTextAsync("before the 'from' date");
        await page.Date("Decided from").ExpectAsync("30", "11", "2026");

        // On a phone the tables scroll inside their own box and the page still reads.
        await page.SetViewportSizeAsync(390, 900);
        await page.GotoAsync("/reports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the reports page is wider than a 390 px phone");
        await CheckPageAsync(page, "reports-admin-phone");
    }

    [BrowserFact]
    public async Task QualityAssurer_OpensTheReports_AndSeesQualityAssuranceByAssessor()
    {
        await JourneyData.CaseAsync(Portal, CaseState.ResultReleased, "Tomos Reported", new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var page = await SignInAsync(Demo.QualityAssurer);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports");
        await page.Locator("#report-quality").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator("#quality-table tr[data-group='all'] td[data-figure='Decisions']")).Not.ToHaveTextAsync("0");
        await CheckPageAsync(page, "reports-quality-assurer");
    }
}
