using System.ComponentModel.DataAnnotations;
using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Setting up an authenticator app (replaces Identity UI's page, which made and showed a key on a GET to
/// anyone holding the session). Opening the page changes nothing; the key is made on a POST, after the
/// password (or a current code), and shown only in that answer. The form that checks the first code carries
/// a short-lived sealed ticket, so a wrong code can show the same key again without a session alone ever
/// reading it.
/// </summary>
public class EnableAuthenticatorModel(
    UserManager<PortalUser> users,
    AccountSecurity security,
    SecurityEvents events,
    PortalDbContext db,
    IDataProtectionProvider protection)
    : ReauthenticatedPageModel(users, security)
{
    public const int RecoveryCodeCount = 10;
    private const string TicketPurpose = "EpaPortal.AuthenticatorSetup.v1";
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(20);

    /// <summary>The key to type into the app, in groups of four; only in the answer to a confirmed POST.</summary>
    public string? SharedKey { get; private set; }

    /// <summary>The sealed ticket the code form posts back with the code.</summary>
    [BindProperty]
    public string? SetupTicket { get; set; }

    [BindProperty]
    [Display(Name = "Verification code")]
    public string? Code { get; set; }

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public bool AlreadyEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        AlreadyEnabled = user.TwoFactorEnabled;
        return Page();
    }

    /// <summary>"Show my set-up key": confirms it is the person, then makes a new key and shows it.</summary>
    public async Task<IActionResult> OnPostStartAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        AlreadyEnabled = user.TwoFactorEnabled;
        if (AlreadyEnabled || !await ConfirmItIsYouAsync(user, "set up an authenticator app"))
        {
            return Page();
        }

        await Users.ResetAuthenticatorKeyAsync(user);
        var key = await Users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after a reset.");
        await events.RecordNowAsync(SecurityEvents.AuthenticatorKeyShown, user, $"{user.DisplayName} <{user.Email}> was shown a new authenticator set-up key");
        Show(user, key);
        return Page();
    }

    /// <summary>Checks the first code from the app and turns two-step verification on.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        var key = await Users.GetAuthenticatorKeyAsync(user);
        var ticketKey = ReadTicket(user);
        if (user.TwoFactorEnabled || key is null || ticketKey != key)
        {
            ModelState.AddModelError(string.Empty, "The set-up has expired or was started again elsewhere. Start again.");
            AlreadyEnabled = user.TwoFactorEnabled;
            return Page();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length == 0 || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Enter the six-digit code your app shows now.");
            Show(user, key);
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(user, true);
        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        events.Record(SecurityEvents.TwoFactorEnabled, user, $"{user.DisplayName} <{user.Email}> turned on two-step verification with an authenticator app");
        await Security.EndOtherSessionsAsync(user);
        await Security.Notify(user, "two-step verification was turned on");
        await db.SaveChangesAsync();
        RecoveryCodes = codes?.ToArray();
        StatusMessage = "Your authenticator app is set up. Keep these recovery codes somewhere safe.";
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private void Show(PortalUser user, string key)
    {
        SharedKey = Format(key);
        SetupTicket = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector().Protect(user.Id + "\n" + key, TicketLifetime);
        Code = null;
    }

    private string? ReadTicket(PortalUser user)
    {
        if (string.IsNullOrEmpty(SetupTicket))
        {
            return null;
        }

        try
        {
            var parts = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector().Unprotect(SetupTicket).Split('\n');
            return parts.Length == 2 && parts[0] == user.Id ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static string Format(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
