using System.ComponentModel.DataAnnotations;
using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Changing the account's e-mail address (replaces Identity UI's page): the current password or an
/// authenticator code first, then a link to the new address; the change happens when that link is used
/// (ConfirmEmailChange), and the old address then hears of it with a way to undo it.
/// </summary>
public class EmailModel(UserManager<PortalUser> users, AccountSecurity security, IEmailSender<PortalUser> sender, SecurityEvents events, PortalDbContext db)
    : ReauthenticatedPageModel(users, security)
{
    public string Email { get; private set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Enter the new e-mail address")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.com")]
    [StringLength(Domain.Common.FieldLengths.Email, ErrorMessage = "An e-mail address has at most 256 characters")]
    [Display(Name = "New e-mail address")]
    public string? NewEmail { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        Email = user.Email ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return UserNotFound();
        }

        Email = user.Email ?? string.Empty;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var newEmail = NewEmail!.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError(nameof(NewEmail), "That is already your e-mail address.");
            return Page();
        }

        if (!await ConfirmItIsYouAsync(user, "change the e-mail address"))
        {
            return Page();
        }

        var token = await Users.GenerateChangeEmailTokenAsync(user, newEmail);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = $"/Identity/Account/ConfirmEmailChange?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={code}";
        events.Record(SecurityEvents.EmailChangeRequested, user, $"{user.DisplayName} <{user.Email}> asked to change the e-mail address; a link went to the new address");
        await db.SaveChangesAsync();
        await sender.SendConfirmationLinkAsync(user, newEmail, link);
        StatusMessage = $"We have sent a link to {newEmail}. Your address changes when you open it (it expires after a day).";
        return RedirectToPage();
    }
}
