using System.Net;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 20 items 3, 8, 13 and 14, and issue 16 items 13 and 14: the password policy, trusted proxies,
/// cookie names and the absolute session lifetime, the two-step notices, no self-deletion and no secret in
/// the personal-data download.
/// </summary>
[Trait(Category.Name, Category.Security)]
public class AccountPolicyTests
{
    [Theory]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou12345")]
    [InlineData("Password1234!")]
    [InlineData("monkey12345678")]
    [InlineData("1q2w3e4r5t6y")]
    public async Task CommonPasswords_AreRefused_WhereverAPasswordIsChosen(string password)
    {
        using var factory = new PortalFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "common@demo.test", Email = "common@demo.test", DisplayName = "Casey Common", CreatedAt = factory.Clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        Assert.False(created.Succeeded);
        Assert.Contains(created.Errors, e => e.Code == "PasswordCommon");
    }

    [Fact]
    public void TheShippedList_HoldsAtLeastAHundredThousandPasswords()
    {
        Assert.True(CommonPasswordList.Instance.Count >= 100_000, $"{CommonPasswordList.Instance.Count} passwords");
        Assert.True(CommonPasswordList.Instance.Contains("PASSWORD"));
        Assert.False(CommonPasswordList.Instance.Contains("plum-kettle-harbour-967"));
    }

    [Theory]
    [InlineData("amira-khan-rules-2026")]
    [InlineData("amira2026!!!!!")]
    [InlineData("apprentice-at-work!!")]
    [InlineData("my epaportal password")]
    public async Task PasswordsWithTheUsersOwnDetails_AreRefused_OnChangeAndReset(string password)
    {
        using var factory = new PortalFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(Demo.Apprentice);
        var changed = await users.ChangePasswordAsync(user!, PortalFactory.DemoPassword, password);
        Assert.Contains(changed.Errors, e => e.Code == "PasswordPersonal");
        var reset = await users.ResetPasswordAsync(user!, await users.GeneratePasswordResetTokenAsync(user!), password);
        Assert.Contains(reset.Errors, e => e.Code == "PasswordPersonal");
    }

    [Fact]
    public async Task AnInvitedPersonChoosingACommonPassword_IsToldWhy_AndKeepsTheLink()
    {
        using var factory = new PortalFactory();
        var (userId, code) = await factory.WithDbAsync(async db =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = "invited@demo.test", Email = "invited@demo.test", DisplayName = "Ivy Invited", CreatedAt = factory.Clock.GetUtcNow() };
            await users.CreateAsync(user);
            var token = await users.GeneratePasswordResetTokenAsync(user);
            return (user.Id, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token)));
        });
        using var client = factory.CreatePortalClient();
        var response = await client.SubmitFormAsync($"/account/set-password?userId={userId}&code={code}", new Dictionary<string, string>
        {
            ["Input.Password"] = "qwertyuiop123",
            ["Input.ConfirmPassword"] = "qwertyuiop123",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("one of the most commonly used passwords", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedAddresses_FromAnUntrustedPeer_AreIgnored_ByTheRateLimit()
    {
        using var factory = new ProxyFactory();
        using var client = factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.Add(ProxyFactory.PeerHeader, "203.0.113.9");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var token = await client.GetAntiforgeryTokenAsync("/Identity/Account/Login");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Email"] = "x@demo.test", ["Input.Password"] = "wrong-password-123" }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{attempt + 1}");
            statuses.Add((await client.Http.SendAsync(request)).StatusCode);
        }

        // Each attempt claimed a new address; the portal counted them all against the real peer.
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task ForwardedAddresses_FromAConfiguredProxy_AreUsed()
    {
        using var factory = new ProxyFactory();
        using var client = factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.Add(ProxyFactory.PeerHeader, "10.9.8.7");
        var token = await client.GetAntiforgeryTokenAsync("/Identity/Account/Login");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Email"] = "x@demo.test", ["Input.Password"] = "wrong-password-123" }),
        };
        request.Headers.Add("X-Forwarded-For", "198.51.100.77");
        await client.Http.SendAsync(request);
        var details = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == SecurityEvents.SignInFailed).Select(a => a.Details!).ToListAsync());
        Assert.Contains(details, d => d.Contains("(from 198.51.100.77)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InProduction_TheSignInAndAntiforgeryCookies_CarryTheHostPrefix()
    {
        using var factory = new ProductionFactory();
        await factory.WithDbAsync(async _ =>
        {
            // Demo accounts have no password outside Development: give one a password to sign in with.
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var employer = await users.FindByEmailAsync(Demo.Employer);
            await users.AddPasswordAsync(employer!, PortalFactory.DemoPassword);
        });
        using var client = factory.CreatePortalClient();
        var page = await client.GetAsync("/Identity/Account/Login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.StartsWith("__Host-EpaPortal.Antiforgery=", antiforgery, StringComparison.Ordinal);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);

        var signedIn = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = PortalFactory.DemoPassword,
        }, "form#account");
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains("EpaPortal.Auth", StringComparison.Ordinal));
        Assert.StartsWith("__Host-EpaPortal.Auth=", auth, StringComparison.Ordinal);
        Assert.Contains("path=/", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ASession_EndsTwelveHoursAfterSignIn_HoweverActive()
    {
        using var factory = new PortalFactory();
        using var client = await factory.SignInAsync(Demo.Employer);
        for (var hour = 4; hour <= 8; hour += 4)
        {
            factory.Clock.Advance(TimeSpan.FromHours(4));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employer")).StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromHours(4).Add(TimeSpan.FromMinutes(1)));
        var expired = await client.GetAsync("/employer");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactorOffForStaff_IsSaidAtStartUp()
    {
        var sink = new LogSink();
        using var factory = new LoggingFactory(sink);
        using var client = factory.CreatePortalClient();
        await client.GetAsync("/health/live");
        Assert.Contains(sink.Messages, m => m.Contains("Two-factor authentication is NOT required for staff", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Demo.Apprentice, "/apprentice")]
    [InlineData(Demo.Employer, "/employer")]
    public async Task ApprenticesAndEmployers_AreOfferedTwoStepVerification(string email, string dashboard)
    {
        using var factory = new PortalFactory();
        using var client = await factory.SignInAsync(email);
        var (_, page) = await client.GetPageAsync(dashboard);
        var offer = page.QuerySelector("#two-step-offer a");
        Assert.NotNull(offer);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", offer!.GetAttribute("href"));
    }

    [Fact]
    public async Task NobodyCanDeleteTheirOwnAccount_EvenAnAdmin()
    {
        using var factory = new PortalFactory();
        using var admin = await factory.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Identity/Account/Manage/DeletePersonalData")).StatusCode);
        var token = await admin.GetAntiforgeryTokenAsync("/Identity/Account/Manage/PersonalData");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Password"] = PortalFactory.DemoPassword });
        var posted = await admin.Http.PostAsync(new Uri("/Identity/Account/Manage/DeletePersonalData", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Demo.Admin)));
        var (_, page) = await admin.GetPageAsync("/Identity/Account/Manage/PersonalData");
        Assert.Null(page.QuerySelector("a[href*='DeletePersonalData'], form[action*='DeletePersonalData']"));
    }

    [Fact]
    public async Task AnAdminClosesAnAccount_KeepingItsRecords_AndTheClosureIsAudited()
    {
        using var factory = new PortalFactory();
        using var assessor = await factory.SignInAsync(Demo.Assessor2);
        var (id, conflicts) = await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == Demo.Assessor2);
            return (user.Id, await db.Set<EpaPortal.Domain.Organisations.ConflictOfInterest>().CountAsync(c => c.AssessorId == user.Id));
        });
        using var admin = await factory.SignInAsync(Demo.Admin);
        var closed = await admin.PostWithTokenAsync($"/admin/users/{id}", $"/admin/users/{id}/close", [new("Close.Reason", "Left the organisation (security test)")]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.NotNull(user.DisabledAt);
        Assert.Null(user.PasswordHash);
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == id)));
        Assert.Equal(conflicts, await factory.WithDbAsync(db => db.Set<EpaPortal.Domain.Organisations.ConflictOfInterest>().CountAsync(c => c.AssessorId == id)));
        Assert.Equal(HttpStatusCode.Redirect, (await assessor.GetAsync("/assessor")).StatusCode);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == SecurityEvents.AccountClosed).Select(a => a.Details!).SingleAsync());
        Assert.Contains(id, audit, StringComparison.Ordinal);
        Assert.Contains("Left the organisation", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePersonalDataDownload_HoldsNoAuthenticatorKeyOrOtherSecret()
    {
        using var factory = new PortalFactory();
        var secrets = await factory.WithDbAsync(async db =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(Demo.Apprentice);
            await users.ResetAuthenticatorKeyAsync(user!);
            user = await users.FindByEmailAsync(Demo.Apprentice);
            return new[] { (await users.GetAuthenticatorKeyAsync(user!))!, user!.PasswordHash!, user.SecurityStamp!, user.ConcurrencyStamp! };
        });
        using var client = await factory.SignInAsync(Demo.Apprentice);
        var response = await client.PostWithTokenAsync("/Identity/Account/Manage/PersonalData", "/Identity/Account/Manage/DownloadPersonalData", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(Demo.Apprentice, body, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        Assert.DoesNotContain("Authenticator Key", body, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ProductionFactory : PortalFactory
    {
        protected override Uri BaseAddress => new("https://localhost");

        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseEnvironment("Production");
    }

    /// <summary>Behind a proxy at 10.9.8.7; the test chooses the peer address of each request.</summary>
    private sealed class ProxyFactory : PortalFactory
    {
        public const string PeerHeader = "X-Test-Peer";

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("ReverseProxy:Enabled", "true");
            builder.UseSetting("ReverseProxy:KnownProxies:0", "10.9.8.7");
            builder.UseSetting("RateLimits:LoginPerMinute", "3");
            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerAddressFilter>());
        }

        private sealed class PeerAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (context, nextMiddleware) =>
                {
                    if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    }

                    await nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    private sealed class LoggingFactory(LogSink sink) : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) =>
            builder.ConfigureLogging(logging => logging.AddProvider(sink));
    }

    private sealed class LogSink : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
