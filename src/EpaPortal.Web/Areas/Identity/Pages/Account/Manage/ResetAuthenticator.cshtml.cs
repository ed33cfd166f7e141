using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Resetting the authenticator app (replaces Identity UI's page): the password or a current code first.</summary>
public class ResetAuthenticatorModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db)
    : ReauthenticatedPageModel(users, security)
{
    public async Task<IActionResult> OnGetAsync() =>
        await CurrentUserAsync() is null ? UserNotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        if (!await ConfirmItIsYouAsync(user, "reset the authenticator app"))
        {
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
        events.Record(SecurityEvents.AuthenticatorReset, user, $"{user.DisplayName} <{user.Email}> reset the authenticator app; two-step verification is off until it is set up again");
        await Security.EndOtherSessionsAsync(user);
        await Security.Notify(user, "the authenticator app was reset (two-step verification is off until it is set up again)");
        await db.SaveChangesAsync();
        StatusMessage = "Your authenticator app has been reset. Set it up again to turn two-step verification back on.";
        return RedirectToPage("./EnableAuthenticator");
    }
}
