using System.Net;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public class AuthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] PublicPaths =
    [
        "/Identity/Account/Login",
        "/Identity/Account/ForgotPassword",
        "/health/live",
        "/health/ready",
    ];

    [Fact]
    public async Task EveryControllerPage_Anonymous_RedirectsToLogin()
    {
        using var client = factory.CreatePortalClient();
        var paths = ControllerGetPaths().ToList();
        Assert.NotEmpty(paths);

        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode} to an anonymous user.");
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/Identity/Account/Manage")]
    [InlineData("/Identity/Account/Manage/TwoFactorAuthentication")]
    [InlineData("/Identity/Account/Manage/EnableAuthenticator")]
    public async Task AccountPages_Anonymous_RedirectToLogin(string path)
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Public))]
    public async Task PublicPages_Anonymous_AreServed(string path)
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Public() => new(PublicPaths);

    [Fact]
    public async Task Register_IsNotOffered()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync("/Identity/Account/Register");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithDemoLogin_LandsOnDashboard()
    {
        using var client = await factory.SignInAsync(Demo.Apprentice);
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/apprentice", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessageAndStaysSignedOut()
    {
        using var client = factory.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = "not-the-password",
        }, "form#account");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailedSignIns_LockTheAccount()
    {
        // A user of its own, so the lockout does not disturb the other tests.
        const string email = "lockout-test@demo.test";
        await factory.WithDbAsync(async db =>
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<EpaPortal.Web.Data.PortalUser>>();
            var result = await users.CreateAsync(new EpaPortal.Web.Data.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lock Out" }, PortalFactory.DemoPassword);
            Assert.True(result.Succeeded);
        });

        using var client = factory.CreatePortalClient();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = "wrong-password-123",
            }, "form#account");
        }

        Assert.Equal(HttpStatusCode.Redirect, last!.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", last.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Even the right password is refused while locked out.
        var withRightPassword = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = PortalFactory.DemoPassword,
        }, "form#account");
        Assert.Contains("/Identity/Account/Lockout", withRightPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>Every parameterless GET route of the MVC controllers.</summary>
    [Fact]
    public async Task EveryApiPage_Anonymous_Is401_NotARedirectToTheSignInPage()
    {
        using var client = factory.CreatePortalClient();
        var paths = ControllerGetPaths(api: true).ToList();
        Assert.NotEmpty(paths);

        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode} to an anonymous caller.");
        }
    }

    /// <summary>The GET pages without required parameters: the portal's (api: false) or the API's, which answer 401 to a caller without a token.</summary>
    private IEnumerable<string> ControllerGetPaths(bool api = false)
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var isGet = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!isGet || anonymous || pattern.Parameters.Any(p => !p.IsOptional && p.Default is null) || pattern.RawText is null)
            {
                continue;
            }

            if (pattern.RawText.StartsWith("Identity/", StringComparison.Ordinal) || pattern.RawText.Contains("health", StringComparison.Ordinal))
            {
                continue;
            }

            if (pattern.RawText.StartsWith("api/", StringComparison.Ordinal) != api)
            {
                continue;
            }

            var path = "/" + string.Join('/', pattern.PathSegments
                .Select(s => string.Concat(s.Parts.Select(p => p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : string.Empty))))
                .TrimEnd('/');
            yield return path.Length == 0 ? "/" : path;
        }
    }
}
