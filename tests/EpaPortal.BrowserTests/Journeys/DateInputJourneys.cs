using System.Globalization;
using System.Text.RegularExpressions;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 25, item 2: dates are typed as Day, Month and Year (the GOV.UK date input), never in the browser's
/// date picker, which a US-locale browser shows as mm/dd/yyyy. In a browser set to en-US the admin adds an
/// apprentice with an impossible start date (31 February), is taken by the error summary's link to the day
/// field with everything typed still there, corrects it and saves; the dates are saved as typed (4 3 2007 is
/// 4 March, not 3 April).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class DateInputJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Admin_InAUsBrowser_CorrectsAnImpossibleStartDate_FromTheErrorSummary_AndTheDatesAreSavedAsTyped()
    {
        var uln = await JourneyData.NewUlnAsync(Portal);
        var year = UkTime.ToUk(Portal.Clock.GetUtcNow()).Year - 1;
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        var page = await SignInAsync(Demo.Admin, locale: "en-US");
        Assert.Equal("en-US", await page.EvaluateAsync<string>("() => navigator.language"));
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Apprentices", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Apprentices");
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an apprentice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add an apprentice");
        await Expect(page.Locator("input[type=date]")).ToHaveCountAsync(0);
        var start = page.Date("Apprenticeship start date");
        var birth = page.Date("Date of birth (optional)");
        await Expect(start.Part("Day")).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(birth.Part("Year")).ToHaveAttributeAsync("autocomplete", "bday-year");
        await CheckPageAsync(page);

        await page.GetByLabel("ULN", new() { Exact = true }).PressSequentiallyAsync(uln);
        await page.GetByLabel("Given names").PressSequentiallyAsync("Dara");
        await page.GetByLabel("Family name").PressSequentiallyAsync("Datetyper");
        await page.GetByLabel("E-mail address").PressSequentiallyAsync($"dara.datetyper.{uln}@example.test");
        await page.GetByLabel("Employer").SelectOptionAsync(new SelectOptionValue { Label = "Acme Software Ltd" });
        await start.TypeAsync("31", "2", yearText);
        await birth.TypeAsync("4", "3", "2007");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the apprentice" }).ClickAsync();

        // The summary at the top names the problem; its link takes the focus to the day field.
        var summary = page.Locator("#problems");
        await Expect(summary).ToBeFocusedAsync();
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Apprenticeship start date must be a real date", Exact = true });
        await Expect(link).ToHaveAttributeAsync("href", "#Input_StartDate");
        await Expect(summary.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await link.ClickAsync();
        await Expect(start.Part("Day")).ToBeFocusedAsync();
        await Expect(page.Locator("#Input_StartDate")).ToBeFocusedAsync();

        // The message is in the fieldset, the fields are marked, and nothing typed is lost.
        await Expect(start.Locator(".date-input__error")).ToHaveTextAsync("Apprenticeship start date must be a real date");
        await Expect(start.Part("Day")).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(start.Part("Day")).ToHaveAttributeAsync("aria-describedby", "Input_StartDate-error");
        await start.ExpectAsync("31", "2", yearText);
        await birth.ExpectAsync("4", "3", "2007");
        await Expect(page.GetByLabel("Given names")).ToHaveValueAsync("Dara");
        await CheckPageAsync(page, "admin-add-apprentice-date-error");

        // Corrected, it saves; the saved dates read as they were typed, day first.
        await start.Part("Day").FillAsync("28");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the apprentice" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The apprentice was added." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dara Datetyper");
        await Expect(page.Locator("main")).ToContainTextAsync($"28 February {yearText}");
        await Expect(page.Locator("main")).ToContainTextAsync("4 March 2007");
        await CheckPageAsync(page);
        var saved = await Portal.WithDbAsync(db => db.Apprentices.Where(a => a.Uln == uln).Select(a => new { a.StartDate, a.DateOfBirth }).SingleAsync());
        Assert.Equal(new DateOnly(year, 2, 28), saved.StartDate);
        Assert.Equal(new DateOnly(2007, 3, 4), saved.DateOfBirth);
    }

    [BrowserFact]
    public async Task TheThreeFields_FitOnOneLine_OnAPhone()
    {
        var page = await SignInAsync(Demo.Admin, locale: "en-US");
        await page.SetViewportSizeAsync(390, 844);
        await CheckPageAsync(page);
        await page.GotoAsync("/admin/apprentices/new");
        var start = page.Date("Apprenticeship start date");
        var day = await start.Part("Day").BoundingBoxAsync();
        var month = await start.Part("Month").BoundingBoxAsync();
        var year = await start.Part("Year").BoundingBoxAsync();
        Assert.NotNull(day);
        Assert.NotNull(month);
        Assert.NotNull(year);
        Assert.Equal(day.Y, month.Y, 1);
        Assert.Equal(day.Y, year.Y, 1);
        Assert.True(year.X + year.Width <= 390, $"The year field ends at {year.X + year.Width} px, beyond the 390 px screen.");
        await CheckPageAsync(page);
    }
}
