using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// The training provider in the browser (issue 19): the admin adds a provider (a bad UKPRN first, told why); the
/// demo provider signs in to its dashboard of apprentices across employers, opens one, co-signs the gateway
/// (a missing job title first, told why, keeping what was typed), and the dashboard then shows nothing waiting.
/// The dashboard is checked in a 390 px window too. The provider also registers an apprentice for the EPA (a
/// wrong ULN first, told why, keeping what was typed).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class ProviderJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Provider_SeesItsApprentices_AndCoSignsTheGateway()
    {
        var pennine = await Portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        var journey = await JourneyData.CaseAsync(Portal, CaseState.Registered, "Rhys Providerwalker", new ScenarioOptions { ProviderOrganisationId = pennine });

        var page = await SignInAsync(Demo.Provider);
        await Expect(page).ToHaveURLAsync(new Uri(Browser.BaseAddress, "/provider").ToString());
        var row = page.Locator($"#provider-cases tr[data-case='{journey.CaseId}']");
        await Expect(row).ToContainTextAsync("Co-sign the gateway");
        await Expect(row).ToContainTextAsync(DemoDataSeeder.Acme);
        await CheckPageAsync(page, "dashboard-provider");

        await row.GetByRole(AriaRole.Link, new() { Name = journey.ApprenticeName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(journey.ApprenticeName);
        await CheckPageAsync(page);

        // The job title forgotten and the declaration not ticked: both are named, the name typed is kept.
        await page.GetByLabel("Your name").FillAsync("Priya Pennine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Co-sign the gateway" }).ClickAsync();
        await Expect(page.Locator("#co-sign-form")).ToContainTextAsync("Enter your job title.");
        await Expect(page.Locator("#co-sign-form")).ToContainTextAsync("Confirm that the apprentice is ready");
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Priya Pennine");
        await CheckPageAsync(page, "provider-co-sign-error");

        await page.GetByLabel("Your job title").FillAsync("Apprenticeship manager");
        await page.GetByLabel("The apprentice is ready for the end-point assessment").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Co-sign the gateway" }).ClickAsync();
        await Expect(page.Locator("#co-signed")).ToContainTextAsync("Priya Pennine, Apprenticeship manager");
        await CheckPageAsync(page, "provider-case-co-signed");
        Assert.NotNull(await Portal.WithDbAsync(db => db.Cases.Where(c => c.Id == journey.CaseId).Select(c => c.ProviderGatewaySignedAt).SingleAsync()));

        // The provider uploads the English evidence: the table names the file and who uploaded it.
        await page.GetByLabel("Item", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "English at level 2" });
        await page.Locator("#evidence-file").SetInputFilesAsync(JourneyFiles.Pdf("gcse-english-certificate.pdf", "GCSE English language: grade 6"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var english = page.Locator("#gateway-evidence-files tr[data-slot='english']");
        await Expect(english).ToContainTextAsync("gcse-english-certificate.pdf");
        await Expect(english).ToContainTextAsync("Priya Pennine (training provider)");
        await page.Locator("#gateway-evidence").ScrollIntoViewIfNeededAsync();
        await CheckPageAsync(page, "provider-gateway-evidence");

        // On a phone the dashboard still reads, and nothing waits for the provider on this case now.
        await page.SetViewportSizeAsync(390, 900);
        await page.GotoAsync("/provider");
        await Expect(page.Locator($"#provider-cases tr[data-case='{journey.CaseId}']")).ToContainTextAsync("Nothing");
        await CheckPageAsync(page, "dashboard-provider-narrow");
    }

    [BrowserFact]
    public async Task Provider_AgreesARetake_AfterBeingToldItNeedsTheSupportiveActionPlan()
    {
        var pennine = await Portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        var journey = await JourneyData.CaseAsync(Portal, CaseState.FailRecorded, "Cerys Retaker", ScenarioOptions.Fail with { ProviderOrganisationId = pennine });

        var page = await SignInAsync(Demo.Provider, $"/provider/cases/{journey.CaseId}");
        await Expect(page.Locator("#next-attempt")).ToContainTextAsync("The apprentice did not pass this attempt.");
        await page.GetByLabel("A re-take (further training first)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record our agreement" }).ClickAsync();
        await Expect(page.Locator("#next-attempt")).ToContainTextAsync("A re-take needs your supportive action plan");
        await Expect(page.GetByLabel("A re-take (further training first)")).ToBeCheckedAsync();
        await page.Locator("#next-attempt").ScrollIntoViewIfNeededAsync();
        await CheckPageAsync(page, "provider-next-attempt");

        await page.GetByLabel("Supportive action plan (needed for a re-take)").FillAsync("Four weeks of further training on automated testing with a workplace mentor, then a mock interview.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record our agreement" }).ClickAsync();
        await Expect(page.Locator("#next-attempt-agreed")).ToContainTextAsync("You agreed to a re-take");
        await CheckPageAsync(page);
        Assert.Equal(Domain.Common.AttemptKind.Retake, await Portal.WithDbAsync(db => db.Cases.Where(c => c.Id == journey.CaseId).Select(c => c.ProviderAgreedNextAttempt).SingleAsync()));
    }

    [BrowserFact]
    public async Task Provider_RegistersAnApprentice_AfterAWrongUln()
    {
        var pennine = await Portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Pennine).Select(o => o.Id).SingleAsync());
        await JourneyData.CaseAsync(Portal, CaseState.Registered, "Nia Firstbooked", new ScenarioOptions { ProviderOrganisationId = pennine });
        var uln = await JourneyData.NewUlnAsync(Portal);
        var wrong = uln[..9] + ((uln[9] - '0' + 1) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await SignInAsync(Demo.Provider);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Register an apprentice for the EPA" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Register an apprentice for the EPA");
        await CheckPageAsync(page);

        await page.GetByLabel("Employer", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = DemoDataSeeder.Acme });
        await page.GetByLabel("Apprentice's ULN").FillAsync(wrong);
        await page.GetByLabel("Given names").FillAsync("Owain");
        await page.GetByLabel("Family name").FillAsync("Bookedbrowser");
        await page.GetByLabel("Apprentice's e-mail address").FillAsync("owain.bookedbrowser@example.com");
        await page.Date("Apprenticeship start date").TypeAsync("1", "9", "2025");
        var planned = DateOnly.FromDateTime(Portal.Clock.GetUtcNow().UtcDateTime).AddMonths(2);
        await page.Date("Planned gateway date").TypeAsync(planned);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the apprentice" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("This is not a valid ULN");
        await Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Bookedbrowser");
        await CheckPageAsync(page, "provider-register-error");

        await page.GetByLabel("Apprentice's ULN").FillAsync(uln);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the apprentice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Owain Bookedbrowser");
        await Expect(page.Locator("main")).ToContainTextAsync("Gateway planned for");
        await CheckPageAsync(page);
        Assert.Equal(pennine, await Portal.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Uln == uln).Select(c => c.ProviderOrganisationId).SingleAsync()));
    }

    [BrowserFact]
    public async Task Admin_AddsATrainingProvider_AfterABadUkprn()
    {
        var page = await SignInAsync(Demo.Admin, "/admin/organisations/new");
        await CheckPageAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dales Digital Academy");
        await page.GetByLabel("A training provider", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("UKPRN (training providers: 8 digits starting with 1)").FillAsync("20012345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("A UKPRN starts with 1 (it lies between 10000000 and 19999999).");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Dales Digital Academy");
        await CheckPageAsync(page, "admin-add-provider-error");

        await page.GetByLabel("UKPRN (training providers: 8 digits starting with 1)").FillAsync("10023456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("The organisation was saved.");
        await CheckPageAsync(page);
        Assert.Equal("10023456", await Portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == "Dales Digital Academy").Select(o => o.Ukprn).SingleAsync()));
    }
}
