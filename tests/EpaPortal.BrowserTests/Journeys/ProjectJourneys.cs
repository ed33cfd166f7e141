using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>The apprentice opens the project window once it has opened, uploads the deliverables, writes the summary and submits.</summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class ProjectJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Apprentice_OpensTheWindow_UploadsAndSubmitsTheProject()
    {
        // The assessor scheduled the project with a window opening in two days; the days pass.
        var journey = await JourneyData.CaseAsync(Portal, CaseState.ProjectScheduled, "Tomas Projectmaker", new ScenarioOptions { AssessorEmail = Demo.Assessor2 });
        Portal.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));

        var page = await SignInAsync(journey.ApprenticeEmail);
        await CheckPageAsync(page, "apprentice-dashboard-project-open");
        await page.GetByRole(AriaRole.Link, new() { Name = "My project", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My synoptic project");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The brief: Synoptic project: a booking component" })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.GetByLabel("Add files").SetInputFilesAsync(new[]
        {
            JourneyFiles.Pdf("booking-component-report.pdf", "Booking component: design, tests and reflections"),
            JourneyFiles.SourceZip("booking-component-source.zip"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload all" }).ClickAsync();
        await Expect(page.Locator("#evidence-summary")).ToContainTextAsync("2 of 2 files uploaded.");
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Refresh the list of deliverables" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove booking-component-source.zip" })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.GetByLabel("A short summary of what you built and how").PressSequentiallyAsync(
            "I built the booking component with a layered design: a data model, a small web interface and unit tests for the rules.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save summary" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your summary was saved." })).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-project");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your project has been submitted." })).ToBeVisibleAsync();
        await CheckPageAsync(page, "apprentice-project-submitted");
        Assert.Equal(CaseState.ProjectSubmitted, await JourneyData.StateAsync(Portal, journey.CaseId));
    }
}
