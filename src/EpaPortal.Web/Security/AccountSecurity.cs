using System.Security.Claims;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Security;

/// <summary>What a person types to prove it is really them before a change to their account's security.</summary>
public sealed class ReauthenticationInput
{
    public string? CurrentPassword { get; set; }

    public string? AuthenticatorCode { get; set; }
}

/// <summary>
/// The rules around changes to an account's security (ASVS 7.5.1, 7.4.3): a stolen session alone must not
/// be enough to take the account over.
/// <list type="bullet">
/// <item><see cref="ReauthenticateAsync"/>: the current password, or a code from the authenticator app,
/// before changing the e-mail address, showing or resetting the authenticator key, making recovery codes or
/// turning two-step verification off. A wrong answer counts towards lockout like a wrong sign-in, and a
/// lockout from here ends every session (someone is guessing from inside one).</item>
/// <item><see cref="EndOtherSessionsAsync"/>: after any such change every other session ends at once (their
/// rows go), the security stamp changes, and this browser gets a new session key.</item>
/// <item><see cref="Notify"/>: the person hears of the change at their address through the outbox.</item>
/// </list>
/// </summary>
public sealed class AccountSecurity(
    UserManager<PortalUser> users,
    PortalSignInManager signIn,
    PortalDbContext db,
    SecurityEvents events,
    Notifier notifier,
    IHttpContextAccessor http,
    IAuthenticationSchemeProvider schemes,
    IDataProtectionProvider protection,
    TimeProvider clock)
{
    public const string WrongReauthentication = "That is not your current password or a current code from your authenticator app.";
    public const string MissingReauthentication = "Enter your current password (or a code from your authenticator app) to confirm it is you.";

    /// <summary>How long the "this was not me" link sent to the old address works.</summary>
    public static readonly TimeSpan UndoLinkLifetime = TimeSpan.FromDays(14);

    private const string UndoPurpose = "EpaPortal.EmailChangeUndo.v1";

    /// <summary>
    /// Checks the password or authenticator code. Returns null when it is right, else the message to show
    /// (the caller adds it to the form; the form keeps everything else typed).
    /// </summary>
    public async Task<string?> ReauthenticateAsync(PortalUser user, ReauthenticationInput input, string purpose)
    {
        var password = input.CurrentPassword;
        var code = input.AuthenticatorCode?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(code))
        {
            return MissingReauthentication;
        }

        var right = !await users.IsLockedOutAsync(user) && (!string.IsNullOrEmpty(password)
            ? await users.CheckPasswordAsync(user, password)
            : user.TwoFactorEnabled && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code!));
        if (right)
        {
            if (user.AccessFailedCount > 0)
            {
                await users.ResetAccessFailedCountAsync(user);
            }

            return null;
        }

        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            events.Record(SecurityEvents.AccountLockedOut, user, $"{user.DisplayName} <{user.Email}> was locked out after wrong answers to confirm it was them ({purpose}); every session ended");
            await users.UpdateSecurityStampAsync(user);
            await DatabaseTicketStore.EndAllSessionsAsync(db, user.Id);
            await signIn.SignOutAsync();
            return "Too many wrong answers: the account is locked for a while and you have been signed out. Sign in again later.";
        }

        await events.RecordNowAsync(SecurityEvents.ReauthenticationFailed, user, $"{user.DisplayName} <{user.Email}> gave a wrong password or code to {purpose}");
        return WrongReauthentication;
    }

    /// <summary>
    /// Ends every other session of the user at once and gives this browser a new session key, keeping it
    /// signed in. Call after the change is saved; the new security stamp also ends sessions on any instance
    /// that still holds a cookie for a removed row.
    /// </summary>
    public async Task EndOtherSessionsAsync(PortalUser user)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request to renew the session of.");
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedInHere = current.Succeeded && current.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id;

        await users.UpdateSecurityStampAsync(user);
        await DatabaseTicketStore.EndAllSessionsAsync(db, user.Id);
        if (!signedInHere)
        {
            return;
        }

        var properties = new AuthenticationProperties { IsPersistent = current.Properties!.IsPersistent };
        if (current.Properties.Items.TryGetValue(SessionLifetime.SignedInAtKey, out var signedInAt))
        {
            properties.Items[SessionLifetime.SignedInAtKey] = signedInAt;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (current.Principal!.FindFirstValue(ClaimTypes.AuthenticationMethod) is { } method)
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClaimTypes.AuthenticationMethod, method));
        }

        // The request's cookie handler remembers the old session key and would write the new ticket under
        // it: sign that handler out (so it writes nothing more), then sign in through a fresh handler, which
        // finds no session behind the old key (its row is gone) and stores a new one.
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        var fresh = await new AuthenticationHandlerProvider(schemes).GetHandlerAsync(context, IdentityConstants.ApplicationScheme) as IAuthenticationSignInHandler
            ?? throw new InvalidOperationException("The application cookie scheme cannot sign in.");
        await fresh.SignInAsync(principal, properties);
    }

    /// <summary>Adds the "your account changed" e-mail to the user's current address (saved with the caller's change).</summary>
    public Task Notify(PortalUser user, string what) =>
        notifier.AccountChangedAsync(user.Id, what, clock.GetUtcNow());

    /// <summary>A link for the old address that puts it back (valid for <see cref="UndoLinkLifetime"/>).</summary>
    public string UndoLink(PortalUser user, string oldEmail, string newEmail)
    {
        var token = protection.CreateProtector(UndoPurpose).ToTimeLimitedDataProtector()
            .Protect(string.Join('\n', user.Id, oldEmail, newEmail), UndoLinkLifetime);
        return "/Identity/Account/UndoEmailChange?token=" + Uri.EscapeDataString(token);
    }

    /// <summary>The user, old and new address of an undo link, or null when it is not valid (any more).</summary>
    public (string UserId, string OldEmail, string NewEmail)? ReadUndoLink(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = protection.CreateProtector(UndoPurpose).ToTimeLimitedDataProtector().Unprotect(token, out _).Split('\n');
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
