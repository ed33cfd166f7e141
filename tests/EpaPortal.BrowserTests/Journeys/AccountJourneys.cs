using System.Text.RegularExpressions;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>The friendly 403 page and the account pages (Identity's "manage account" and two-factor set-up).</summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class AccountJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task ApprenticeOpeningTheAdminDashboard_SeesTheFriendly403Page()
    {
        // The apprentice follows a link to the admin dashboard, is asked to sign in, and is then refused.
        var page = await SignInAsync(Demo.Apprentice, returnPath: "/admin");

        await Expect(page).ToHaveURLAsync(new Uri(Browser.BaseAddress, "/admin").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to this page");
        await Expect(page.GetByText("contact your assessment organisation")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to your home page" })).ToBeVisibleAsync();
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        await CheckPageAsync(page, "forbidden");

        var again = await page.ReloadAsync();
        Assert.Equal(403, again!.Status);
    }

    [BrowserFact]
    public async Task ManageAccountAndTwoFactorPages_RenderInThePortalLayout()
    {
        var page = await SignInAsync(Demo.Assessor, returnPath: "/Identity/Account/Manage");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manage your account");
        await ExpectPortalLayoutAsync(page);
        await CheckPageAsync(page, "account-profile");

        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor authentication" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Browser.BaseAddress, "/Identity/Account/Manage/TwoFactorAuthentication").ToString());
        await ExpectPortalLayoutAsync(page);
        await CheckPageAsync(page, "account-two-factor");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add authenticator app" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Browser.BaseAddress, "/Identity/Account/Manage/EnableAuthenticator").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up an authenticator app" })).ToBeVisibleAsync();

        // Opening the page shows no key: the session alone is not enough (issue 20 item 1).
        await Expect(page.Locator("#shared-key")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "account-enable-authenticator-confirm");
        await page.GetByLabel("Your current password").FillAsync(PortalFactory.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my set-up key" }).ClickAsync();
        await Expect(page.Locator("#shared-key")).ToHaveTextAsync(new Regex("^([a-z2-7]{4} )+[a-z2-7]{1,4}$"));
        await Expect(page.GetByLabel("Verification code")).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await ExpectPortalLayoutAsync(page);
        await CheckPageAsync(page, "account-enable-authenticator");
    }

    private static async Task ExpectPortalLayoutAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "EPA Portal" })).ToBeVisibleAsync();
        await Expect(page.Locator("footer")).ToContainTextAsync("Software Development Technician (ST0128)");
        await Expect(page.Locator("header nav")).ToHaveCSSAsync("background-color", "rgb(29, 79, 145)");
    }
}
