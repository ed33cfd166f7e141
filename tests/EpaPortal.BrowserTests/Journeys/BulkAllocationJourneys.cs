using System.Globalization;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Bulk allocation (issue 21, item 3): the admin opens the proposal for the cases waiting at Acme, reads why each
/// assessor was or was not proposed, leaves one case with nobody by mistake (the message names it and every other
/// choice stays), then allocates; on a desktop and a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class BulkAllocationJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Admin_AllocatesSeveralCasesAtOnce_AfterCorrectingAMissingChoice()
    {
        var cases = new List<int>();
        foreach (var name in new[] { "Bea Bulk", "Cal Bulk", "Dee Bulk" })
        {
            cases.Add((await JourneyData.CaseAsync(Portal, CaseState.GatewaySubmitted, name)).CaseId);
        }

        var acme = await Portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == Web.Data.Seed.DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
        var page = await SignInAsync(Demo.Admin);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Allocation", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Allocate assessors");
        await page.GetByLabel("Employer").SelectOptionAsync(acme.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        // Only this journey's cases are ticked (others waiting at Acme belong to other journeys).
        foreach (var box in await page.Locator("input[name='Selected']").AllAsync())
        {
            var id = int.Parse(await box.GetAttributeAsync("value") ?? "0", CultureInfo.InvariantCulture);
            if (!cases.Contains(id))
            {
                await box.UncheckAsync();
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Propose again for the ticked cases" }).ClickAsync();
        await Expect(page.Locator("#proposal-summary")).ToContainTextAsync("3 cases proposed of 3 ticked");
        var proposed = new Dictionary<int, string>();
        foreach (var id in cases)
        {
            proposed[id] = await page.Locator($"#assessor-{id}").InputValueAsync();
            Assert.False(string.IsNullOrEmpty(proposed[id]), $"Case {id} has no proposal.");
            await Expect(page.Locator($"#why-{id}")).ToContainTextAsync("Proposed:");
        }

        await page.Locator($".allocation-case[data-case-id='{cases[0]}'] details summary").ClickAsync();
        await CheckPageAsync(page, "admin-bulk-allocation");

        // A ticked case left with nobody: refused, the case named, the other choices kept.
        await page.Locator($"#assessor-{cases[1]}").SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate the ticked cases" }).ClickAsync();
        await Expect(page.Locator("#problems")).ToContainTextAsync($"Case {cases[1]}: choose an assessor, or untick the case.");
        await Expect(page.Locator($"#assessor-{cases[0]}")).ToHaveValueAsync(proposed[cases[0]]);
        await Expect(page.Locator($"#assessor-{cases[2]}")).ToHaveValueAsync(proposed[cases[2]]);
        await Expect(page.Locator($"#case-{cases[1]}")).ToBeCheckedAsync();
        await CheckPageAsync(page, "admin-bulk-allocation-error");

        await page.SetViewportSizeAsync(390, 900);
        await CheckPageAsync(page, "admin-bulk-allocation-phone");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The bulk allocation page scrolls sideways at 390 px.");
        await page.SetViewportSizeAsync(1280, 900);

        await page.Locator($"#assessor-{cases[1]}").SelectOptionAsync(proposed[cases[1]]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate the ticked cases" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "3 cases were allocated" })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        var allocated = await Portal.WithDbAsync(db => db.Cases.Where(c => cases.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AssessorId));
        Assert.All(cases, id => Assert.Equal(proposed[id], allocated[id]));
    }
}
