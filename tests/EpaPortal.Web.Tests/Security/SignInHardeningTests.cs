using System.Net;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 20 items 4, 5, 6, 9, 10 and 11: no user enumeration at sign-in, recovery codes count towards
/// lockout and are rate-limited, "resend confirmation" is rate-limited, the status page shows only the
/// portal's own error codes, no anonymous 500s, and sign-ins are security events.
/// </summary>
[Trait(Category.Name, Category.Security)]
public class SignInHardeningTests
{
    [Fact]
    public async Task AnUnknownAddress_CostsOnePasswordHash_LikeAKnownOne()
    {
        using var factory = new CountingFactory();
        using var client = factory.CreatePortalClient();

        factory.Hashes.Reset();
        await LoginAsync(client, "nobody-at-all@demo.test", "some-password-123");
        var unknown = factory.Hashes.Verifications;

        factory.Hashes.Reset();
        await LoginAsync(client, Demo.Apprentice2, "some-password-123");
        var known = factory.Hashes.Verifications;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task ADisabledAccount_GetsTheSameAnswerAsAWrongPassword_UntilItsPasswordIsRight()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == Demo.Apprentice2);
            user.DisabledAt = factory.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        });
        using var client = factory.CreatePortalClient();

        var wrong = await (await LoginAsync(client, Demo.Apprentice2, "not-the-password-1")).Content.ReadAsStringAsync();
        var unknown = await (await LoginAsync(client, "nobody-here@demo.test", "not-the-password-1")).Content.ReadAsStringAsync();
        Assert.Contains("The e-mail address or password is not right.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot sign in", wrong, StringComparison.Ordinal);
        Assert.Contains("The e-mail address or password is not right.", unknown, StringComparison.Ordinal);

        var right = await (await LoginAsync(client, Demo.Apprentice2, PortalFactory.DemoPassword)).Content.ReadAsStringAsync();
        Assert.Contains("This account cannot sign in", right, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIns_SucceededAndFailed_AreRecordedWithTheAddress_AndNoSecret()
    {
        using var factory = new PortalFactory();
        using var client = factory.CreatePortalClient();
        await LoginAsync(client, Demo.Employer, "a-wrong-password-typed");
        await LoginAsync(client, "typed-a-secret-here@demo.test", "another-wrong-password");
        await client.SignInAsync(Demo.Employer, PortalFactory.DemoPassword);

        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(a => SecurityEvents.All.Contains(a.Action)).ToListAsync());
        Assert.Contains(entries, e => e.Action == SecurityEvents.SignInFailed && e.Details!.Contains(Demo.Employer, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == SecurityEvents.SignInFailed && e.ActorName == "unknown account");
        Assert.Contains(entries, e => e.Action == SecurityEvents.SignInSucceeded && e.Details!.Contains(Demo.Employer, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Contains("(from ", e.Details, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("wrong-password", e.Details + e.Reason, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("typed-a-secret-here", e.Details + e.ActorName, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(PortalFactory.DemoPassword, e.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongRecoveryCodes_LockTheAccount_LikeWrongPasswords()
    {
        using var factory = new PortalFactory();
        await factory.WithDbAsync(async db =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(Demo.OtherEmployer);
            await users.ResetAuthenticatorKeyAsync(user!);
            await users.SetTwoFactorEnabledAsync(user!, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user!, 10);
        });
        using var client = factory.CreatePortalClient();
        var first = await LoginAsync(client, Demo.OtherEmployer, PortalFactory.DemoPassword);
        Assert.Contains("LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        HttpResponseMessage? last = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            last = await client.SubmitFormAsync("/Identity/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.RecoveryCode"] = $"AAAA{attempt}-BBBBB" });
        }

        Assert.Equal(HttpStatusCode.Redirect, last!.StatusCode);
        Assert.Contains("Lockout", last.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.OtherEmployer).Select(u => u.LockoutEnd != null).SingleAsync()));
    }

    [Theory]
    [InlineData("/Identity/Account/LoginWithRecoveryCode")]
    [InlineData("/Identity/Account/ResendEmailConfirmation")]
    public async Task CodeAndEmailPages_AreRateLimitedPerAddress(string path)
    {
        using var factory = new LimitedFactory();
        using var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var token = await client.GetAntiforgeryTokenAsync("/Identity/Account/Login");
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Email"] = $"someone{attempt}@demo.test", ["Input.RecoveryCode"] = "AAAAA-BBBBB" });
            statuses.Add((await client.Http.PostAsync(new Uri(path, UriKind.Relative), content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("/Home/Status/101")]
    [InlineData("/Home/Status/-1")]
    [InlineData("/Home/Status/200")]
    [InlineData("/Home/Status/599")]
    public async Task TheStatusPage_OpenedDirectly_IsNotFound_WhateverTheCode(string path)
    {
        using var factory = new PortalFactory();
        using var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task APostedCode_CannotMaskATooManyRequestsAnswer()
    {
        using var factory = new LimitedFactory();
        using var client = factory.CreatePortalClient();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            last = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = $"nobody{attempt}@demo.test",
                ["Input.Password"] = "wrong-password-123",
                ["code"] = "200",
            }, "form#account");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
    }

    [Theory]
    [InlineData("/Identity/Account/ResetPassword?code=%25%25not-base64%25%25")]
    [InlineData("/Identity/Account/ResetPassword?code=a")]
    public async Task AMalformedResetCode_GetsAClearMessage_NotAnError(string url)
    {
        using var factory = new PortalFactory();
        using var client = factory.CreatePortalClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This password reset link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Posting the form with a malformed code is answered the same way.
        var token = await client.GetAntiforgeryTokenAsync("/Identity/Account/Login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = "%%not-base64%%",
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = "plum-kettle-harbour-967",
            ["Input.ConfirmPassword"] = "plum-kettle-harbour-967",
        });
        var posted = await client.Http.PostAsync(new Uri("/Identity/Account/ResetPassword", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }

    [Fact]
    public async Task AnExternalReturnUrl_AfterTheRightPassword_GoesHome_NotToAnErrorOrAnotherSite()
    {
        using var factory = new PortalFactory();
        using var client = factory.CreatePortalClient();
        var response = await client.SubmitFormAsync("/Identity/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2Fsteal", new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Employer,
            ["Input.Password"] = PortalFactory.DemoPassword,
        }, "form#account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RefusedAccessToCaseData_IsRecorded()
    {
        using var factory = new PortalFactory();
        using var employer = await factory.SignInAsync(Demo.Employer);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employer.GetAsync("/employer/cases/987654")).StatusCode);

        var denied = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == SecurityEvents.AccessDenied).Select(a => a.Details!).ToListAsync());
        Assert.Contains(denied, d => d.Contains("GET /admin/users answered 403", StringComparison.Ordinal));
        Assert.Contains(denied, d => d.Contains("answered 404 (case 987654)", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> LoginAsync(PortalClient client, string email, string password) =>
        client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, "form#account");

    private sealed class LimitedFactory : PortalFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("RateLimits:LoginPerMinute", "3");
    }

    /// <summary>A portal whose password hasher counts the hashes it checks.</summary>
    private sealed class CountingFactory : PortalFactory
    {
        public CountingHasher Hashes { get; } = new();

        protected override void ConfigureSettings(IWebHostBuilder builder) =>
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPasswordHasher<PortalUser>>();
                services.AddSingleton<IPasswordHasher<PortalUser>>(Hashes);
            });
    }

    private sealed class CountingHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        private int _verifications;

        public int Verifications => _verifications;

        public void Reset() => _verifications = 0;

        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
