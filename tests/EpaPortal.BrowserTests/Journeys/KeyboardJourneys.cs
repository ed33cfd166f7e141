using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// The evidence upload form and the employer reference form completed with the keyboard alone (Tab, typing,
/// Space, Enter), the focus visible at every stop.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class KeyboardJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task KeyboardOnly_UploadsEvidence_ThenTheEmployerSubmitsTheReference()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.Registered, "Kai Keyboard");

        // The apprentice: choose the file with Space on the file input, type the details, upload with Enter.
        var page = await SignInAsync(journey.ApprenticeEmail, returnPath: "/apprentice/portfolio/upload");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload evidence" })).ToBeVisibleAsync();
        await CheckPageAsync(page);
        await SkipToMainAsync(page);

        await KeyboardFocus.TabToAsync(page, page.GetByLabel("Files", new() { Exact = true }));
        var chooser = page.WaitForFileChooserAsync();
        await page.Keyboard.PressAsync("Space");
        await (await chooser).SetFilesAsync(JourneyFiles.Pdf("test-plan.pdf", "Test plan for the booking API"));

        var card = page.Locator("li.evidence-file");
        await KeyboardFocus.TabToAsync(page, card.GetByLabel("Title", new() { Exact = true }), maxTabs: 3);
        await Expect(card.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("test-plan");
        await KeyboardFocus.TabToAsync(page, card.GetByLabel("Short description of the work"), maxTabs: 1);
        await page.Keyboard.TypeAsync("The test plan I wrote for the booking API.");
        await KeyboardFocus.TabToAsync(page, card.GetByLabel("The real work project it came from"), maxTabs: 1);
        await page.Keyboard.TypeAsync("Leisure centre booking system");
        // The date of the work as day, month and year (issue 25): three fields, one Tab apart.
        var workDate = card.Date("Date of the work");
        await KeyboardFocus.TabToAsync(page, workDate.Part("Day"), maxTabs: 1);
        await page.Keyboard.TypeAsync("9");
        await KeyboardFocus.TabToAsync(page, workDate.Part("Month"), maxTabs: 1);
        await page.Keyboard.TypeAsync("9");
        await KeyboardFocus.TabToAsync(page, workDate.Part("Year"), maxTabs: 1);
        await page.Keyboard.TypeAsync("2026");
        await Expect(workDate.Part("Day")).ToHaveValueAsync("9");
        await Expect(workDate.Part("Year")).ToHaveValueAsync("2026");
        await KeyboardFocus.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Upload all" }), maxTabs: 6);
        await SaveScreenshotAsync(page, "keyboard-upload-focus");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#evidence-summary")).ToContainTextAsync("1 of 1 file uploaded.");
        await CheckPageAsync(page);
        Assert.Equal(1, await Portal.WithDbAsync(db => db.EvidenceItems.CountAsync(e => e.CaseId == journey.CaseId)));

        // The employer: the whole reference by keyboard.
        var employer = await SignInAsync(Demo.Employer, returnPath: $"/employer/cases/{journey.CaseId}/reference");
        await Expect(employer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Employer reference");
        await CheckPageAsync(employer);
        await SkipToMainAsync(employer);

        var narratives = employer.Locator("textarea[name$='.Narrative']");
        for (var i = 0; i < await narratives.CountAsync(); i++)
        {
            await KeyboardFocus.TabToAsync(employer, narratives.Nth(i));
            await employer.Keyboard.TypeAsync(
                "Kai planned the tests for our booking API with the team, wrote them before the code and explained the results "
                + $"to the product owner; when a release broke the search he traced and fixed it the same day ({i + 1}).");
        }

        foreach (var (label, text) in new[]
        {
            ("Referee's name", "Erin Employer"),
            ("Referee's job title", "Engineering manager"),
            ("Relationship to the apprentice", "Line manager"),
            ("How long you have supervised the apprentice (months)", "12"),
            ("Referee's e-mail address", "erin.employer@acme.example"),
        })
        {
            await KeyboardFocus.TabToAsync(employer, employer.GetByLabel(label), maxTabs: 3);
            await employer.Keyboard.TypeAsync(text);
        }

        await KeyboardFocus.TabToAsync(employer, employer.Locator("#Input_DeclarationAccepted"), maxTabs: 3);
        await employer.Keyboard.PressAsync("Space");
        await Expect(employer.Locator("#Input_DeclarationAccepted")).ToBeCheckedAsync();
        await KeyboardFocus.TabToAsync(employer, employer.GetByRole(AriaRole.Button, new() { Name = "Submit the reference" }), maxTabs: 3);
        await SaveScreenshotAsync(employer, "keyboard-reference-focus");
        await employer.Keyboard.PressAsync("Enter");
        await Expect(employer.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(employer);
        Assert.True(await Portal.WithDbAsync(db => db.EmployerReferences.AnyAsync(r => r.CaseId == journey.CaseId && r.SubmittedAt != null)),
            "The reference was not submitted.");
    }

    private static async Task SkipToMainAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await KeyboardFocus.AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();
    }
}
