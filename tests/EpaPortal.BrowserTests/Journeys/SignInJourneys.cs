using System.Text.RegularExpressions;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>Signing in (by mouse and by keyboard alone) and out, and the dashboard each role lands on.</summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class SignInJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserTheory]
    [InlineData(Demo.Apprentice, "/apprentice", "My assessment", "apprentice")]
    [InlineData(Demo.Employer, "/employer", "My apprentices", "employer")]
    [InlineData(Demo.Assessor, "/assessor", "My caseload", "assessor")]
    [InlineData(Demo.QualityAssurer, "/quality", "Quality assurance", "quality-assurer")]
    [InlineData(Demo.Admin, "/admin", "Administration", "admin")]
    public async Task EachRole_SignsInByTyping_LandsOnItsDashboard(string email, string dashboard, string heading, string role)
    {
        var page = await SignInAsync(email);

        await Expect(page).ToHaveURLAsync(Url(dashboard));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await Expect(MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = heading })).ToHaveAttributeAsync("aria-current", "page");
        // The portal's own stylesheet is applied, so axe judges the colours people see.
        await Expect(page.Locator("header nav")).ToHaveCSSAsync("background-color", "rgb(29, 79, 145)");
        await CheckPageAsync(page, $"dashboard-{role}");
    }

    [BrowserFact]
    public async Task SignInPage_IsAccessible()
    {
        var page = await OpenBrowserAsync();
        await page.GotoAsync(LoginPath);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Expect(page.GetByLabel("E-mail address")).ToHaveAttributeAsync("autocomplete", "username");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveAttributeAsync("type", "password");
        await CheckPageAsync(page, "sign-in");
    }

    [BrowserFact]
    public async Task EmptySignInForm_ShowsMessagesNextToTheFields_WithoutSending()
    {
        var page = await OpenBrowserAsync();
        await page.GotoAsync(LoginPath);
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(FieldGroup(page, "E-mail address").Locator(".field-validation-error")).ToHaveTextAsync("Enter your e-mail address");
        await Expect(FieldGroup(page, "Password").Locator(".field-validation-error")).ToHaveTextAsync("Enter your password");

        // A malformed address gets its own message, and what was typed stays in the field.
        await page.GetByLabel("E-mail address").PressSequentiallyAsync("amira.khan");
        await page.GetByLabel("Password", new() { Exact = true }).FocusAsync();
        await Expect(FieldGroup(page, "E-mail address").Locator(".field-validation-error"))
            .ToHaveTextAsync("Enter an e-mail address in the correct format, like name@example.com");
        await Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync("amira.khan");

        Assert.Equal(0, posts);
        await Expect(page).ToHaveURLAsync(Url(LoginPath));
        await CheckPageAsync(page, "sign-in-errors");
    }

    [BrowserFact]
    public async Task WrongPassword_ShowsTheError_AndKeepsTheEmail()
    {
        var page = await OpenBrowserAsync();
        await page.GotoAsync(LoginPath);

        await page.GetByLabel("E-mail address").PressSequentiallyAsync(Demo.Apprentice2);
        await page.GetByLabel("Password", new() { Exact = true }).PressSequentiallyAsync("not-the-password-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail address or password is not right.");
        await Expect(page.GetByLabel("E-mail address")).ToHaveValueAsync(Demo.Apprentice2);
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeEmptyAsync();
        await Expect(page.Locator("#sign-out")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "sign-in-wrong-password");
    }

    [BrowserFact]
    public async Task KeyboardOnly_SignIn_ShowsFocusAtEveryStep()
    {
        var page = await OpenBrowserAsync();
        await page.GotoAsync(LoginPath);

        // The first Tab reaches the skip link, which becomes visible and jumps past the navigation.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await KeyboardFocus.AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        var email = page.GetByLabel("E-mail address");
        await KeyboardFocus.TabToAsync(page, email);
        await page.Keyboard.TypeAsync(Demo.Employer);
        await KeyboardFocus.TabToAsync(page, page.GetByLabel("Password", new() { Exact = true }), maxTabs: 1);
        await page.Keyboard.TypeAsync(PortalFactory.DemoPassword);
        await KeyboardFocus.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }), maxTabs: 2);
        await SaveScreenshotAsync(page, "sign-in-keyboard-focus");
        await page.Keyboard.PressAsync("Enter");

        // The form was sent from the page's #main-content, and the browser keeps that fragment.
        await Expect(page).ToHaveURLAsync(new Regex("/employer(#main-content)?$"));
        await CheckPageAsync(page);

        // Signed in, the navigation on the portal blue shows the focus ring too, up to signing out.
        await KeyboardFocus.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await SignInAsync(Demo.Employer);
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(MainNavigation(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-out")).ToHaveCountAsync(0);

        // The dashboard now asks for sign-in again.
        await page.GotoAsync("/employer");
        await Expect(page).ToHaveURLAsync(Url(LoginPath + "?ReturnUrl=%2Femployer"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    private string Url(string path) => new Uri(Browser.BaseAddress, path).ToString();

    private static ILocator MainNavigation(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    /// <summary>The form group (label, input and message) of the field labelled <paramref name="label"/>.</summary>
    private static ILocator FieldGroup(IPage page, string label) =>
        page.Locator("form .mb-3").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) });
}
