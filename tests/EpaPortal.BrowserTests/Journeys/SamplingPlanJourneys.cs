using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// The QA sampling plan (issue 21, item 4): a QA lead (an admin) opens the plans, sets one for a version, mistypes
/// (the messages say what to enter and what was typed stays), corrects it and sees it listed; on a desktop and a
/// 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class SamplingPlanJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task QaLead_SetsASamplingPlan_AfterCorrectingBadInput()
    {
        var versionId = await Portal.WithDbAsync(db => db.StandardVersions.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        var page = await SignInAsync(Demo.Admin);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "QA sampling plans", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("QA sampling plans");
        await CheckPageAsync(page);
        await page.Locator($"#sampling-plans tr[data-version='{versionId}'] a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("QA sampling plan");
        await CheckPageAsync(page);

        await page.GetByLabel("Base rate (%)").FillAsync("15");
        await page.GetByLabel("Check all of a new assessor's first … decisions").FillAsync("three");
        await page.GetByLabel("Raised rate (%)").FillAsync("10");
        await page.GetByLabel("For the assessor's next … decisions").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.Locator("#new-assessor-error")).ToHaveTextAsync("Enter how many of a new assessor's first decisions to sample as a whole number, 0 or more (0: none).");
        await Expect(page.GetByLabel("Check all of a new assessor's first … decisions")).ToHaveValueAsync("three");
        await Expect(page.GetByLabel("Base rate (%)")).ToHaveValueAsync("15");
        await CheckPageAsync(page, "sampling-plan-edit");

        await page.GetByLabel("Check all of a new assessor's first … decisions").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.Locator("#raised-percent-error")).ToHaveTextAsync("The raised rate after a QA return must be at least the base rate.");

        await page.SetViewportSizeAsync(390, 900);
        await CheckPageAsync(page, "sampling-plan-edit-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "The plan form scrolls sideways at 390 px.");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel("Raised rate (%)").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The sampling plan was saved." })).ToBeVisibleAsync();
        await Expect(page.Locator($"#sampling-plans tr[data-version='{versionId}']")).ToContainTextAsync("base rate 15%; a new assessor's first 3 decisions all sampled; 50% for the next 5 decisions after a QA return");
        await CheckPageAsync(page, "sampling-plans");

        await page.SetViewportSizeAsync(390, 900);
        await CheckPageAsync(page, "sampling-plans-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "The plans list scrolls sideways at 390 px.");
    }
}
