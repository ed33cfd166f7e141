using System.Net;
using System.Security.Cryptography;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Issue 20 items 1 and 7: a stolen session cookie alone cannot take an account over. Changing the e-mail
/// address, reading or resetting the authenticator key, making recovery codes and turning two-step
/// verification off each need the password (or a current code); the person hears of each change; other
/// sessions end at once; a password change gives this browser a new session key.
/// </summary>
[Trait(Category.Name, Category.Security)]
public class AccountTakeoverTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Manage = "/Identity/Account/Manage";

    [Fact]
    public async Task OpeningTheAuthenticatorSetUp_NeitherMakesNorShowsAKey_UntilThePasswordIsGiven()
    {
        var email = await NewUserAsync("setup");
        using var client = await SignInAsync(email);

        var (response, page) = await client.GetPageAsync(Manage + "/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("#shared-key"));
        Assert.Null(await AuthenticatorKeyAsync(email));

        // The session alone (a wrong password) gets no key either.
        var refused = await client.SubmitFormAsync(Manage + "/EnableAuthenticator", new Dictionary<string, string> { ["Reauth.CurrentPassword"] = "not-my-password-at-all" }, "form#start-setup");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Null((await PortalClient.ParseAsync(refused)).QuerySelector("#shared-key"));
        Assert.Null(await AuthenticatorKeyAsync(email));

        var shown = await client.SubmitFormAsync(Manage + "/EnableAuthenticator", new Dictionary<string, string> { ["Reauth.CurrentPassword"] = PortalFactory.DemoPassword }, "form#start-setup");
        var key = (await PortalClient.ParseAsync(shown)).QuerySelector("#shared-key")?.TextContent;
        Assert.False(string.IsNullOrEmpty(key));
        Assert.Equal(await AuthenticatorKeyAsync(email), key!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChangingTheEmailAddress_WithTheSessionAlone_IsRefused()
    {
        var email = await NewUserAsync("mail");
        using var client = await SignInAsync(email);

        var refused = await client.SubmitFormAsync(Manage + "/Email", new Dictionary<string, string> { ["NewEmail"] = "attacker@evil.test" }, "form#email-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AccountSecurity.MissingReauthentication, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "attacker@evil.test")));
    }

    [Fact]
    public async Task ChangingTheEmailAddress_TellsTheOldAddress_WithALinkThatPutsItBack()
    {
        var email = await NewUserAsync("move");
        var newEmail = "moved-" + email;
        using var client = await SignInAsync(email);
        using var other = await SignInAsync(email);

        var requested = await client.SubmitFormAsync(Manage + "/Email", new Dictionary<string, string>
        {
            ["NewEmail"] = newEmail,
            ["Reauth.CurrentPassword"] = PortalFactory.DemoPassword,
        }, "form#email-form");
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        var confirmLink = await LinkSentToAsync(newEmail, "/Identity/Account/ConfirmEmailChange");

        // Opening the link changes nothing; pressing its button does.
        using var browser = factory.CreatePortalClient();
        var changed = await browser.SubmitFormAsync(confirmLink, new Dictionary<string, string>(), "form#confirm-email-change");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(newEmail, await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == newEmail).Select(u => u.Email).SingleAsync()));

        // Every session of the account ended at once.
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(Manage)).StatusCode);
        Assert.Equal(0, await SessionsOfAsync(newEmail));

        // The old address is told, with a link that puts it back and asks for a new password.
        var undoLink = await LinkSentToAsync(email, "/Identity/Account/UndoEmailChange");
        var undone = await browser.SubmitFormAsync(undoLink, new Dictionary<string, string>(), "form#undo-email-change");
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.StartsWith("/Identity/Account/ResetPassword?code=", undone.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email && u.UserName == email)));
        Assert.Contains(SecurityEvents.EmailChanged, await ActionsAsync(email));
        Assert.Contains(SecurityEvents.EmailChangeUndone, await ActionsAsync(email));
    }

    [Fact]
    public async Task RecoveryCodes_ResetAndTurningTwoStepOff_NeedThePasswordOrACode_AndAreToldAndRecorded()
    {
        var email = await NewUserAsync("twostep");
        var key = await TurnOnTwoStepAsync(email);
        using var client = await SignInAsync(email, key);

        foreach (var (page, form) in new[] { ("/GenerateRecoveryCodes", "form#generate-recovery-codes"), ("/ResetAuthenticator", "form#reset-authenticator-form"), ("/Disable2fa", "form#disable-2fa") })
        {
            var refused = await client.SubmitFormAsync(Manage + page, new Dictionary<string, string>(), form);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(AccountSecurity.MissingReauthentication, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(key, await AuthenticatorKeyAsync(email));

        // A current code from the app is accepted instead of the password.
        var codes = await client.SubmitFormAsync(Manage + "/GenerateRecoveryCodes", new Dictionary<string, string> { ["Reauth.AuthenticatorCode"] = Totp.Code(key!) }, "form#generate-recovery-codes");
        Assert.Equal(HttpStatusCode.Redirect, codes.StatusCode);
        Assert.EndsWith("ShowRecoveryCodes", codes.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var off = await client.SubmitFormAsync(Manage + "/Disable2fa", new Dictionary<string, string> { ["Reauth.CurrentPassword"] = PortalFactory.DemoPassword }, "form#disable-2fa");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var actions = await ActionsAsync(email);
        Assert.Contains(SecurityEvents.RecoveryCodesGenerated, actions);
        Assert.Contains(SecurityEvents.TwoFactorDisabled, actions);
        var told = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email && m.Kind == NotificationKind.AccountSecurity).Select(m => m.TextBody).ToListAsync());
        Assert.Contains(told, body => body.Contains("new recovery codes were made", StringComparison.Ordinal));
        Assert.Contains(told, body => body.Contains("two-step verification was turned off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongAnswersToConfirmItIsYou_LockTheAccount_AndEndItsSessions()
    {
        var email = await NewUserAsync("guess");
        using var thief = await SignInAsync(email);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await thief.SubmitFormAsync(Manage + "/EnableAuthenticator", new Dictionary<string, string> { ["Reauth.CurrentPassword"] = $"guess-number-{attempt}-xyz" }, "form#start-setup");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync(Manage)).StatusCode);
        Assert.Equal(0, await SessionsOfAsync(email));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd != null).SingleAsync()));
    }

    [Fact]
    public async Task ChangingThePassword_GivesThisBrowserANewSessionKey_AndEndsEveryOtherSessionAtOnce()
    {
        var email = await NewUserAsync("rotate");
        var jar = new CookieContainer();
        using var client = new PortalClient(factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        using var other = await SignInAsync(email);
        var before = jar.GetCookies(new Uri("http://localhost"))[CookieNames.Auth]!.Value;
        var keyBefore = await SessionKeysAsync(email);

        var changed = await client.SubmitFormAsync(Manage + "/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = PortalFactory.DemoPassword,
            ["Input.NewPassword"] = "plum-kettle-harbour-967",
            ["Input.ConfirmPassword"] = "plum-kettle-harbour-967",
        }, "form#change-password-form");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // This browser stays signed in, on a new key; the old cookie and the other session are refused at once.
        var after = jar.GetCookies(new Uri("http://localhost"))[CookieNames.Auth]!.Value;
        Assert.NotEqual(before, after);
        var keysAfter = await SessionKeysAsync(email);
        Assert.Single(keysAfter);
        Assert.Empty(keysAfter.Intersect(keyBefore));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Manage)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(Manage)).StatusCode);
        using var replay = factory.CreateDefaultClient(new Uri("http://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apprentice");
        request.Headers.Add("Cookie", $"{CookieNames.Auth}={before}");
        Assert.Equal(HttpStatusCode.Redirect, (await replay.SendAsync(request)).StatusCode);
        Assert.Contains(SecurityEvents.PasswordChanged, await ActionsAsync(email));
    }

    private async Task<string> NewUserAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@takeover.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Robin Takeover", CreatedAt = factory.Clock.GetUtcNow() };
        var created = await users.CreateAsync(user, PortalFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return email;
    }

    private async Task<string?> TurnOnTwoStepAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        await users.ResetAuthenticatorKeyAsync(user!);
        await users.SetTwoFactorEnabledAsync(user!, true);
        return await users.GetAuthenticatorKeyAsync(user!);
    }

    private async Task<PortalClient> SignInAsync(string email, string? key = null)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(email, PortalFactory.DemoPassword);
        if (key is not null)
        {
            var second = await client.SubmitFormAsync("/Identity/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(key) });
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        return client;
    }

    private Task<string?> AuthenticatorKeyAsync(string email) =>
        factory.WithDbAsync(db => db.UserTokens.Where(t => t.Name == "AuthenticatorKey" && db.Users.Any(u => u.Id == t.UserId && u.Email == email)).Select(t => t.Value).SingleOrDefaultAsync());

    private Task<int> SessionsOfAsync(string email) =>
        factory.WithDbAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.Email == email)));

    private Task<List<string>> SessionKeysAsync(string email) =>
        factory.WithDbAsync(db => db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && (u.Email == email))).Select(s => s.Key).ToListAsync());

    private Task<List<string>> ActionsAsync(string email) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(a => db.Users.Any(u => u.Id == a.ActorId && u.Email == email)).Select(a => a.Action).ToListAsync());

    private async Task<string> LinkSentToAsync(string address, string path)
    {
        var bodies = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == address).OrderByDescending(m => m.Id).Select(m => m.TextBody).ToListAsync());
        foreach (var body in bodies)
        {
            var start = body.IndexOf(path, StringComparison.Ordinal);
            if (start >= 0)
            {
                var end = body.IndexOfAny([' ', '\n', '\r', ')', '>'], start);
                return body[start..(end < 0 ? body.Length : end)];
            }
        }

        throw new InvalidOperationException($"No e-mail to {address} links to {path}. Bodies: {string.Join(" | ", bodies)}");
    }
}

/// <summary>RFC 6238 codes for a test authenticator app (30-second steps, six digits, HMAC-SHA1).</summary>
public static class Totp
{
    public static string Code(string base32Key)
    {
        var key = Base32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        // RFC 6238 authenticator apps use HMAC-SHA1: the test must compute what the app computes.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c != '=' && c != ' '))
        {
            value = (value << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((value >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
