using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Moderation (issue 21, item 5, ADR 27): a quality assurer opens a graded case, tries to moderate without a
/// reason (the message says so and the choice stays), gives one and moderates the assessor's Merit to a
/// Distinction; the case page then shows both grades; on a desktop and a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class ModerationJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task QualityAssurer_ModeratesAGrade_AfterBeingToldTheReasonIsMissing()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.Graded, "Mona Moderated");
        var page = await SignInAsync(Demo.QualityAssurer);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = journey.ApprenticeName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(journey.ApprenticeName);
        await Expect(page.Locator("#final-grade")).ToHaveTextAsync("Merit");

        var form = page.Locator("#moderate-form");
        await form.GetByLabel("Distinction", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Moderate and approve" }).ClickAsync();
        await Expect(page.Locator("#moderate-problems")).ToContainTextAsync("reason");
        await Expect(page.Locator("#moderate-form").GetByLabel("Distinction", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.Locator("#moderated-grade")).ToHaveCountAsync(0);

        await page.Locator("#moderate-form").GetByLabel("Your reason (the assessor reads it)").FillAsync(
            "Every area's evidence is well above the expected level: the project's design decisions and the interview answers on testing show distinction-level work.");
        await CheckPageAsync(page);
        // The form sits at the foot of the sticky decision panel: the guide's picture is the window scrolled to it.
        await page.Locator("#moderate-form").GetByRole(AriaRole.Button, new() { Name = "Moderate and approve" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.ScreenshotFolder, "quality-assurer-moderate.png") });
        await page.Locator("#moderate-form").GetByRole(AriaRole.Button, new() { Name = "Moderate and approve" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Grade moderated and approved" })).ToBeVisibleAsync();

        await page.GotoAsync($"/quality/cases/{journey.CaseId}");
        await Expect(page.Locator("#moderated-grade")).ToHaveTextAsync("Distinction");
        await Expect(page.Locator("#final-grade")).ToHaveTextAsync("Merit");
        await CheckPageAsync(page, "quality-assurer-moderated");

        await page.SetViewportSizeAsync(390, 900);
        await CheckPageAsync(page);
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The moderated case scrolls sideways at 390 px: " + wide);
    }
}
