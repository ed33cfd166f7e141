using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The account pages whose change needs the person to prove it is them (password or authenticator code)
/// on top of their session: see <see cref="AccountSecurity"/>.
/// </summary>
public abstract class ReauthenticatedPageModel(UserManager<PortalUser> users, AccountSecurity security) : PageModel
{
    [BindProperty]
    public ReauthenticationInput Reauth { get; set; } = new();

    /// <summary>Whether the form offers an authenticator code as well as the password.</summary>
    public bool TwoFactorEnabled { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    protected UserManager<PortalUser> Users => users;

    protected AccountSecurity Security => security;

    protected async Task<PortalUser?> CurrentUserAsync()
    {
        var user = await users.GetUserAsync(User);
        TwoFactorEnabled = user?.TwoFactorEnabled == true;
        return user;
    }

    /// <summary>True when the password or code is right; otherwise the form shows why (and nothing typed in it is kept but the rest).</summary>
    protected async Task<bool> ConfirmItIsYouAsync(PortalUser user, string purpose)
    {
        var problem = await security.ReauthenticateAsync(user, Reauth, purpose);
        Reauth = new ReauthenticationInput();
        if (problem is null)
        {
            return true;
        }

        ModelState.AddModelError(nameof(Reauth), problem);
        return false;
    }

    protected IActionResult UserNotFound() => NotFound("The account was not found.");
}
