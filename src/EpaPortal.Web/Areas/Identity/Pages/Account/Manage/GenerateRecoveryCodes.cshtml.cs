using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>New recovery codes (replaces Identity UI's page): the password or a current code first.</summary>
public class GenerateRecoveryCodesModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db)
    : ReauthenticatedPageModel(users, security)
{
    [TempData]
    public string[]? RecoveryCodes { get; set; }

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

        if (!await ConfirmItIsYouAsync(user, "make new recovery codes"))
        {
            return Page();
        }

        var codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnableAuthenticatorModel.RecoveryCodeCount);
        events.Record(SecurityEvents.RecoveryCodesGenerated, user, $"{user.DisplayName} <{user.Email}> made new recovery codes (the old ones stopped working)");
        await Security.EndOtherSessionsAsync(user);
        await Security.Notify(user, "new recovery codes were made (the old ones no longer work)");
        await db.SaveChangesAsync();
        RecoveryCodes = codes?.ToArray();
        StatusMessage = "You have new recovery codes. The old ones no longer work.";
        return RedirectToPage("./ShowRecoveryCodes");
    }
}
