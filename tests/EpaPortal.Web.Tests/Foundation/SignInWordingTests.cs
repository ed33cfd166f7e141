using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// Issue 25, item 2: the portal says "Sign in" and "Sign out" everywhere, including the account pages that
/// came from ASP.NET Core Identity's default UI, which said "Log in" and "Log out".
/// </summary>
[Trait(Category.Name, Category.Integration)]
public partial class SignInWordingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Lockout")]
    [InlineData("/Identity/Account/ResetPasswordConfirmation")]
    [InlineData("/Identity/Account/Logout")]
    [InlineData("/Identity/Account/ForgotPassword")]
    public async Task AnAccountPage_SaysSignIn_NeverLogIn(string path)
    {
        using var client = factory.CreatePortalClient();

        var (response, document) = await client.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = document.Body!.TextContent + " " + document.Title;
        Assert.DoesNotMatch(LogInOrOut(), text);
        Assert.Contains("Sign in", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTwoStepSignInPages_SaySignIn_NeverLogIn()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(Demo.OtherEmployer);
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
        }

        using var client = factory.CreatePortalClient();
        var first = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.OtherEmployer,
            ["Input.Password"] = PortalFactory.DemoPassword,
        });
        Assert.Contains("LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        foreach (var path in new[] { first.Headers.Location.OriginalString, "/Identity/Account/LoginWithRecoveryCode" })
        {
            var (response, document) = await client.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = document.Body!.TextContent + " " + document.Title;
            Assert.DoesNotMatch(LogInOrOut(), text);
            Assert.Contains("Sign in", text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"\blog ?(in|out)\b|\blogged (in|out)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LogInOrOut();
}
