using System.Text.RegularExpressions;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// The admin adds an apprentice (first with a mistake, shown next to the field) and registers their case,
/// then looks round the admin pages the admin guide describes. (Allocating an assessor, which needs the
/// gateway, is in <see cref="GatewayJourneys"/>.)
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class AdminJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Admin_AddsAnApprentice_AfterCorrectingTheUln_AndRegistersTheirCase()
    {
        var uln = await JourneyData.NewUlnAsync(Portal);
        var page = await SignInAsync(Demo.Admin);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
        await CheckPageAsync(page);

        await AdminNav(page, "Apprentices").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Apprentices");
        await CheckPageAsync(page, "admin-apprentices");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add an apprentice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add an apprentice");
        await CheckPageAsync(page);

        // A ULN with a digit missing: the message appears next to the field, and nothing typed is lost.
        await page.GetByLabel("ULN", new() { Exact = true }).PressSequentiallyAsync(uln[..9]);
        await page.GetByLabel("Given names").PressSequentiallyAsync("Ola");
        await page.GetByLabel("Family name").PressSequentiallyAsync("Newstarter");
        await page.GetByLabel("E-mail address").PressSequentiallyAsync($"ola.newstarter.{uln}@example.test");
        await page.GetByLabel("Employer").SelectOptionAsync(new SelectOptionValue { Label = "Acme Software Ltd" });
        await page.Date("Apprenticeship start date").TypeAsync("2", "6", "2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the apprentice" }).ClickAsync();

        var ulnMessage = page.Locator(".mb-3").Filter(new() { Has = page.GetByLabel("ULN", new() { Exact = true }) }).Locator(".field-validation-error");
        await Expect(ulnMessage).ToBeVisibleAsync();
        await Expect(ulnMessage).Not.ToBeEmptyAsync();
        await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync(await ulnMessage.InnerTextAsync());
        await Expect(page.GetByLabel("ULN", new() { Exact = true })).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page.GetByLabel("Given names")).ToHaveValueAsync("Ola");
        await Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Newstarter");
        await page.Date("Apprenticeship start date").ExpectAsync("2", "6", "2025");
        await CheckPageAsync(page, "admin-add-apprentice-error");

        await page.GetByLabel("ULN", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByLabel("ULN", new() { Exact = true }).PressSequentiallyAsync(uln);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the apprentice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The apprentice was added." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ola Newstarter");
        await CheckPageAsync(page);

        // Register the case on the standard.
        await AdminNav(page, "Cases").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cases");
        await CheckPageAsync(page, "admin-cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register a case" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Register a case");
        await CheckPageAsync(page);
        await page.GetByLabel("Apprentice's ULN").PressSequentiallyAsync(uln);
        var versions = page.GetByLabel("Standard version");
        if (await versions.Locator("option[value='']").CountAsync() > 0)
        {
            await versions.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }

        await SaveScreenshotAsync(page, "admin-register-case");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the case" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The case was registered" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ola Newstarter");
        await CheckPageAsync(page, "admin-case-registered");

        var state = await Portal.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Uln == uln).Select(c => c.State).SingleAsync());
        Assert.Equal(CaseState.Registered, state);
    }

    [BrowserFact]
    public async Task Admin_VisitsTheAdminPages_AllAccessible()
    {
        var page = await SignInAsync(Demo.Admin);
        await CheckPageAsync(page, "admin-dashboard");

        foreach (var (link, heading, screenshot) in new[]
        {
            ("Users", "Users", "admin-users"),
            ("Standards", "Standards", "admin-standards"),
            ("Conflicts of interest", "Conflicts of interest", "admin-conflicts"),
            ("Audit log", "Audit log", "admin-audit-log"),
            ("E-mail outbox", null, "admin-outbox"),
            ("Organisations", "Organisations", null),
        })
        {
            // Each from the dashboard, whose navigation lists every admin page.
            await page.GotoAsync("/admin");
            await AdminNav(page, link).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin/"));
            if (heading is not null)
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            }

            await CheckPageAsync(page, screenshot);
        }

        await page.GotoAsync("/admin");
        await AdminNav(page, "Users").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Invite a user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckPageAsync(page, "admin-invite-user");

        await page.GotoAsync("/admin");
        await AdminNav(page, "Apprentices").ClickAsync();
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a CSV file" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import apprentices from a CSV file");
        await CheckPageAsync(page, "admin-import-apprentices");
    }

    private static ILocator AdminNav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
