using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link sent to a new e-mail address (replaces Identity UI's page, which changed the address on the
/// GET). Opening it shows a button; pressing it changes the address, ends every other session, and tells
/// the old address, with a link that puts it back.
/// </summary>
[AllowAnonymous]
public class ConfirmEmailChangeModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db, Notifier notifier, TimeProvider clock) : PageModel
{
    public const string BadLink = "This link is not valid any more: it expires after a day and works once. Ask for the change again from your account's e-mail page.";

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Code))
        {
            return RedirectToPage("/Index");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        var token = Decode(Code);
        if (user is null || user.DisabledAt is not null || token is null || string.IsNullOrEmpty(Email))
        {
            return Refused();
        }

        var oldEmail = user.Email ?? string.Empty;
        var changed = await users.ChangeEmailAsync(user, Email, token);
        if (!changed.Succeeded)
        {
            return Refused();
        }

        // The user name is the e-mail address (sign-in looks people up by it).
        await users.SetUserNameAsync(user, Email);
        events.Record(SecurityEvents.EmailChanged, user, $"{user.DisplayName} changed the e-mail address from <{oldEmail}> to <{Email}>");
        await security.EndOtherSessionsAsync(user);
        await notifier.EmailChangedAsync(user.Id, oldEmail, Email, security.UndoLink(user, oldEmail, Email), clock.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = $"Your e-mail address is now {Email}. Sign in with it from now on.";
        return RedirectToPage("./ConfirmEmailChangeDone");
    }

    private PageResult Refused()
    {
        Problem = BadLink;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
