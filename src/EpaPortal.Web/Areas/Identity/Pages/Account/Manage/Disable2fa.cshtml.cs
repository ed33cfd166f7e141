using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Turning two-step verification off (replaces Identity UI's page): the password or a current code first.</summary>
public class Disable2faModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db)
    : ReauthenticatedPageModel(users, security)
{
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        return user.TwoFactorEnabled ? Page() : RedirectToPage("./TwoFactorAuthentication");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        if (!await ConfirmItIsYouAsync(user, "turn two-step verification off"))
        {
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        events.Record(SecurityEvents.TwoFactorDisabled, user, $"{user.DisplayName} <{user.Email}> turned two-step verification off");
        await Security.EndOtherSessionsAsync(user);
        await Security.Notify(user, "two-step verification was turned off");
        await db.SaveChangesAsync();
        StatusMessage = "Two-step verification is off. Staff must turn it on again before they can use the portal.";
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
