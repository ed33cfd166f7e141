using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "This was not me", from the e-mail sent to the old address after a change of address. Pressing the
/// button (never opening the link alone) puts the old address back, turns two-step verification off (the
/// intruder may have set up their own authenticator), ends every session, and sends the person to choose a
/// new password at once.
/// </summary>
[AllowAnonymous]
public class UndoEmailChangeModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db) : PageModel
{
    public const string BadLink = "This link is not valid any more: it works for 14 days, and only while the account still has the address it was changed to. Contact your assessment organisation.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? Problem { get; private set; }

    public string? OldEmail { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, old) = await FindAsync();
        if (user is null)
        {
            return Refused();
        }

        OldEmail = old;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, old) = await FindAsync();
        if (user is null || old is null)
        {
            return Refused();
        }

        var intruderEmail = user.Email;
        user.Email = old;
        user.NormalizedEmail = users.NormalizeEmail(old);
        user.EmailConfirmed = true;
        user.UserName = old;
        user.NormalizedUserName = users.NormalizeName(old);
        user.TwoFactorEnabled = false;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.ReplaceCodesAsync(user);
        events.Record(SecurityEvents.EmailChangeUndone, user, $"{user.DisplayName} put back the e-mail address <{old}> (it had been changed to <{intruderEmail}>); two-step verification turned off and every session ended");
        await security.EndOtherSessionsAsync(user);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        await db.SaveChangesAsync();

        var reset = await users.GeneratePasswordResetTokenAsync(user);
        return RedirectToPage("/Account/ResetPassword", new { area = "Identity", code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(reset)), undone = "true" });
    }

    private async Task<(PortalUser? User, string? OldEmail)> FindAsync()
    {
        if (security.ReadUndoLink(Token) is not { } link)
        {
            return (null, null);
        }

        var user = await users.FindByIdAsync(link.UserId);
        return user is not null && string.Equals(user.Email, link.NewEmail, StringComparison.OrdinalIgnoreCase) ? (user, link.OldEmail) : (null, null);
    }

    private PageResult Refused()
    {
        Problem = BadLink;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

internal static class RecoveryCodeExtensions
{
    /// <summary>Removes every recovery code (new ones come with the next set-up of the authenticator).</summary>
    public static Task<IdentityResult> ReplaceCodesAsync(this UserManager<PortalUser> users, PortalUser user) =>
        users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
}
