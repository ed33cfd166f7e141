using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// From a registered case to an approved gateway, every step in the browser: the apprentice uploads several
/// files at once (one refused, with its message), maps them and submits the portfolio; the employer confirms
/// it is the apprentice's own work, writes and submits the reference and submits the gateway with its
/// certificates; the admin checks the items (approval waits for an assessor, the decisions are kept),
/// allocates an assessor and approves the gateway.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class GatewayJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task PortfolioReferenceAndGateway_DoneInTheBrowser_GatewayApproved()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.Registered, "Priya Gatewaywalker");

        await ApprenticeBuildsAndSubmitsThePortfolioAsync(journey);
        await EmployerConfirmsWritesTheReferenceAndSubmitsTheGatewayAsync(journey);
        Assert.Equal(CaseState.GatewaySubmitted, await JourneyData.StateAsync(Portal, journey.CaseId));

        await AdminAllocatesAndApprovesTheGatewayAsync(journey);
        Assert.Equal(CaseState.GatewayApproved, await JourneyData.StateAsync(Portal, journey.CaseId));
    }

    private async Task ApprenticeBuildsAndSubmitsThePortfolioAsync(JourneyCase journey)
    {
        var page = await SignInAsync(journey.ApprenticeEmail);
        await Expect(page).ToHaveURLAsync(new Uri(Browser.BaseAddress, "/apprentice").ToString());
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "My portfolio", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload evidence" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload evidence" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-upload-evidence");

        // Four files picked at once; one is a text note saved as .png, which the portal refuses.
        var files = new[]
        {
            JourneyFiles.Pdf("code-review-booking-api.pdf", "Code review of the booking API"),
            JourneyFiles.Text("release-notes-sprint-14.md", "# Sprint 14 release notes\n\n- Added room search\n- Fixed double booking\n"),
            JourneyFiles.Png("architecture-diagram.png"),
            JourneyFiles.NotReallyPng("whiteboard-photo.png"),
        };
        await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync(files);

        var details = new (string File, string Title, string Description)[]
        {
            ("code-review-booking-api.pdf", "Code review of the booking API", "I reviewed a colleague's pull request for the booking API and agreed fixes."),
            ("release-notes-sprint-14.md", "Release notes for sprint 14", "I wrote the release notes and deployed the sprint 14 build to the test environment."),
            ("architecture-diagram.png", "Architecture diagram", "I drew the component diagram of the booking service for the team wiki."),
            ("whiteboard-photo.png", "Whiteboard photo", "A photo of our planning session."),
        };
        foreach (var (file, title, description) in details)
        {
            var card = FileCard(page, file);
            await card.GetByLabel("Title", new() { Exact = true }).FillAsync(string.Empty);
            await card.GetByLabel("Title", new() { Exact = true }).PressSequentiallyAsync(title);
            await card.GetByLabel("Short description of the work").PressSequentiallyAsync(description);
            await card.GetByLabel("The real work project it came from").PressSequentiallyAsync("Leisure centre booking system");
            await card.Date("Date of the work").TypeAsync("14", "9", "2026");
        }

        await SaveScreenshotAsync(page, "apprentice-upload-several-files");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload all" }).ClickAsync();

        await Expect(page.Locator("#evidence-summary")).ToContainTextAsync("3 of 4 files uploaded.");
        await Expect(FileCard(page, "whiteboard-photo.png").Locator(".text-danger").Last)
            .ToContainTextAsync("does not look like a PNG image");
        await CheckPageAsync(page, "apprentice-upload-results");

        await page.GetByRole(AriaRole.Link, new() { Name = "Go to my portfolio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Code review of the booking API" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Whiteboard photo" })).ToHaveCountAsync(0);
        await CheckPageAsync(page);

        // Map the items: together they cover every competency and behaviour.
        await MapAsync(page, "Code review of the booking API", "Technical competencies");
        await MapAsync(page, "Release notes for sprint 14", "Behaviours");
        await MapAsync(page, "Architecture diagram", "Technical competencies");
        await CheckPageAsync(page, "apprentice-portfolio-mapped");

        await page.GetByRole(AriaRole.Link, new() { Name = "Coverage of the standard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-coverage");
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Submit my portfolio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Submit my portfolio" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-portfolio-submit");
        var gaps = page.GetByLabel("I understand and want to submit anyway");
        if (await gaps.CountAsync() > 0)
        {
            await gaps.CheckAsync();
        }

        await page.GetByLabel("I declare that this portfolio is my own work").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my portfolio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Or(page.Locator(".alert-success")).First).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-portfolio-submitted");
        Assert.True(await Portal.WithDbAsync(db => db.Cases.Where(c => c.Id == journey.CaseId).Select(c => c.PortfolioSubmittedAt != null).SingleAsync()),
            "The portfolio was not submitted.");
    }

    private async Task MapAsync(IPage page, string itemTitle, string group)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = itemTitle, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = itemTitle })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Map to competencies" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(itemTitle);
        await CheckPageAsync(page, itemTitle == "Code review of the booking API" ? "apprentice-map-evidence" : null);
        foreach (var box in await page.GetByRole(AriaRole.Group, new() { Name = group }).GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await box.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = itemTitle })).ToBeVisibleAsync();
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = itemTitle, Exact = true })).ToBeVisibleAsync();
        await CheckPageAsync(page);
    }

    private async Task EmployerConfirmsWritesTheReferenceAndSubmitsTheGatewayAsync(JourneyCase journey)
    {
        var page = await SignInAsync(Demo.Employer);
        await CheckPageAsync(page);
        await OpenEmployerCaseAsync(page, journey, "employer-case");

        // Authenticity.
        await page.GetByRole(AriaRole.Link, new() { Name = "Confirm or return the portfolio" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Is this portfolio the apprentice's own work?");
        await CheckPageAsync(page, "employer-confirm-portfolio");
        // The form suggests the signed-in employer's name: clear it and type, as a person replacing it would.
        await ReplaceAsync(page.GetByLabel("Your name"), "Erin Employer");
        await ReplaceAsync(page.GetByLabel("Your job title"), "Engineering manager");
        await page.GetByLabel("I confirm that the evidence in this portfolio is the apprentice's own work").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the portfolio" }).ClickAsync();
        await Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(page);

        // The reference.
        await OpenEmployerCaseAsync(page, journey);
        await page.GetByRole(AriaRole.Region, new() { Name = "Waiting for you" }).GetByRole(AriaRole.Link, new() { Name = "Write the employer reference" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Employer reference");
        await CheckPageAsync(page);
        await FillReferenceAsync(page);
        await CheckPageAsync(page, "employer-reference");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the reference" }).ClickAsync();
        await Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(page);

        // The gateway, with the certificates as files.
        await OpenEmployerCaseAsync(page, journey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the gateway form" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gateway");
        await CheckPageAsync(page);
        var modules = await page.Locator("input[type=file][id^=file-module-]").CountAsync();
        Assert.True(modules >= 1, "The gateway form shows no knowledge module.");
        for (var i = 0; i < modules; i++)
        {
            await page.Locator($"#Input_Modules_{i}__AwardingBody").PressSequentiallyAsync("BCS, The Chartered Institute for IT");
            await page.Locator($"#Input_Modules_{i}__PassedOn").FillAsync("1" + i);
            await page.Locator($"#Input_Modules_{i}__PassedOn_Month").FillAsync("6");
            await page.Locator($"#Input_Modules_{i}__PassedOn_Year").FillAsync("2026");
            await page.Locator($"#file-module-{i}").SetInputFilesAsync(JourneyFiles.Pdf($"knowledge-module-{i + 1}-certificate.pdf", $"Knowledge module {i + 1}: pass"));
        }

        await page.GetByLabel("English evidence").SetInputFilesAsync(JourneyFiles.Pdf("gcse-english.pdf", "GCSE English language grade 6"));
        await page.GetByLabel("Maths evidence").SetInputFilesAsync(JourneyFiles.Png("gcse-maths.png"));
        await page.GetByLabel("The apprentice has completed the minimum time on programme").CheckAsync();
        await page.GetByLabel("The portfolio and the employer reference are complete.").CheckAsync();
        await page.GetByLabel("I declare that the apprentice is ready for the end-point assessment").CheckAsync();
        await page.GetByLabel("The apprentice consents to the assessment organisation requesting").CheckAsync();
        await ReplaceAsync(page.GetByRole(AriaRole.Group, new() { Name = "Signed for the employer by" }).GetByLabel("Your name"), "Erin Employer");
        await ReplaceAsync(page.GetByRole(AriaRole.Group, new() { Name = "Signed for the employer by" }).GetByLabel("Your job title"), "Engineering manager");
        await SaveScreenshotAsync(page, "employer-gateway-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the gateway" }).ClickAsync();
        await Expect(page.Locator("#submitted-heading")).ToBeVisibleAsync();
        await CheckPageAsync(page, "employer-gateway-submitted");
    }

    private async Task OpenEmployerCaseAsync(IPage page, JourneyCase journey, string? screenshot = null)
    {
        await page.GotoAsync("/employer/cases/" + journey.CaseId);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(journey.ApprenticeName);
        await CheckPageAsync(page, screenshot);
    }

    /// <summary>Fills every section of the employer reference and the referee's details (the form stays unsent).</summary>
    internal static async Task FillReferenceAsync(IPage page)
    {
        var narratives = page.Locator("textarea[name$='.Narrative']");
        var count = await narratives.CountAsync();
        Assert.True(count > 0, "The reference form has no section to write.");
        for (var i = 0; i < count; i++)
        {
            await narratives.Nth(i).FillAsync(
                "In the booking system project she designed the data model with the team, wrote unit and integration tests "
                + "for every change and explained her choices in code reviews. When a release failed she found the cause and "
                + $"fixed it the same day (section {i + 1}).");
        }

        await ReplaceAsync(page.GetByLabel("Referee's name"), "Erin Employer");
        await ReplaceAsync(page.GetByLabel("Referee's job title"), "Engineering manager");
        await ReplaceAsync(page.GetByLabel("Relationship to the apprentice"), "Line manager");
        await ReplaceAsync(page.GetByLabel("How long you have supervised the apprentice (months)"), "14");
        await ReplaceAsync(page.GetByLabel("Referee's e-mail address"), "erin.employer@acme.example");
        await page.Locator("#Input_DeclarationAccepted").CheckAsync();
    }

    private async Task AdminAllocatesAndApprovesTheGatewayAsync(JourneyCase journey)
    {
        var page = await SignInAsync(Demo.Admin, returnPath: "/admin/cases/" + journey.CaseId);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(journey.ApprenticeName);
        await CheckPageAsync(page, "admin-case");

        // The admin checks every item before allocating: the approval is refused, the decisions are kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Gateway check" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gateway check");
        foreach (var approve in await page.GetByRole(AriaRole.Radio, new() { Name = "Approve", Exact = true }).AllAsync())
        {
            await approve.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the gateway" }).ClickAsync();
        await Expect(page.Locator("#problems")).ToContainTextAsync("Allocate an assessor before approving the gateway.");
        await Expect(page.Locator("#decisions-kept")).ToBeVisibleAsync();
        await CheckPageAsync(page, "admin-gateway-decisions-kept");

        await page.GotoAsync("/admin/cases/" + journey.CaseId);
        await page.GetByRole(AriaRole.Link, new() { Name = "Allocate an assessor" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Allocate an assessor");
        await page.Locator("#eligible-assessors tbody tr").Filter(new() { HasText = Demo.Assessor2 }).GetByRole(AriaRole.Radio).CheckAsync();
        await CheckPageAsync(page, "admin-allocate-assessor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allocate", Exact = true }).ClickAsync();
        await Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.GotoAsync("/admin/cases/" + journey.CaseId);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Gateway check" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gateway check");
        foreach (var approve in await page.GetByRole(AriaRole.Radio, new() { Name = "Approve", Exact = true }).AllAsync())
        {
            await Expect(approve).ToBeCheckedAsync();
        }

        await CheckPageAsync(page, "admin-gateway-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the gateway" }).ClickAsync();
        await Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(page);
    }

    /// <summary>Selects what the field holds and types over it.</summary>
    private static async Task ReplaceAsync(ILocator field, string text)
    {
        await field.SelectTextAsync();
        await field.PressAsync("Backspace");
        await field.PressSequentiallyAsync(text);
        await Expect(field).ToHaveValueAsync(text);
    }

    private static ILocator FileCard(IPage page, string fileName) =>
        page.Locator("li.evidence-file").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = fileName }) });
}
