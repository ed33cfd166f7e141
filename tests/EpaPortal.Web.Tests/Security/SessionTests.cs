using System.Net;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Security;

/// <summary>Rate limiting, two-factor for staff, cookies, and sessions ending at sign-out.</summary>
[Trait(Category.Name, Category.Security)]
public class SessionTests
{
    [Fact]
    public async Task LoginPosts_OverTheLimit_Get429WithRetryAfter()
    {
        using var factory = new StrictFactory();
        using var client = factory.CreatePortalClient();
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            response = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = $"nobody{attempt}@demo.test",
                ["Input.Password"] = "wrong-password-123",
            }, "form#account");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Demo.Admin, "/admin")]
    [InlineData(Demo.Assessor, "/assessor")]
    [InlineData(Demo.QualityAssurer, "/quality")]
    public async Task Staff_WithoutAuthenticator_AreSentToSetUpTwoFactor(string email, string dashboard)
    {
        using var factory = new StrictFactory();
        using var client = await factory.SignInAsync(email);
        var response = await client.GetAsync(dashboard);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", response.Headers.Location!.OriginalString);

        var setup = await client.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
    }

    [Fact]
    public async Task NonStaff_AreNotForcedToUseTwoFactor()
    {
        using var factory = new StrictFactory();
        using var client = await factory.SignInAsync(Demo.Employer);
        var response = await client.GetAsync("/employer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyAndSameSite()
    {
        using var factory = new PortalFactory();
        using var client = factory.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = PortalFactory.DemoPassword,
        }, "form#account");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EpaPortal.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AuthCookie_IsSecure_InProduction()
    {
        using var factory = new ProductionFactory();
        using var client = factory.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = "whatever-password",
        }, "form#account");

        // Production cookies (antiforgery and, after sign-in, auth) are marked Secure.
        Assert.All(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        using var scope = factory.Services.CreateScope();
        var cookieOptions = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, cookieOptions.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task CookieCopiedBeforeSignOut_IsRefusedAfterSignOut()
    {
        using var factory = new PortalFactory();
        var jar = new CookieContainer();
        using var client = new PortalClient(factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));
        await client.SignInAsync(Demo.Employer, PortalFactory.DemoPassword);
        var copied = jar.GetCookies(new Uri("http://localhost"))["EpaPortal.Auth"]!.Value;
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(factory, copied)).StatusCode);

        var signOut = await client.SubmitFormAsync("/employer", new Dictionary<string, string>(), "form[action*='Logout']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replayed = await ReplayAsync(factory, copied);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ReplayAsync(PortalFactory factory, string authCookie)
    {
        using var replay = factory.CreateDefaultClient(new Uri("http://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/employer");
        request.Headers.Add("Cookie", $"EpaPortal.Auth={authCookie}");
        return await replay.SendAsync(request);
    }

    private sealed class StrictFactory : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("Security:RequireTwoFactorForStaff", "true");
            builder.UseSetting("RateLimits:LoginPerMinute", "3");
        }
    }

    private sealed class ProductionFactory : PortalFactory
    {
        // Production serves HTTPS only (its __Host- cookies are refused over plain HTTP).
        protected override Uri BaseAddress => new("https://localhost");

        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }
}
