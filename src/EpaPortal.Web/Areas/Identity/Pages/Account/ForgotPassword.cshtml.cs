using System.ComponentModel.DataAnnotations;
using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Forgotten your password?". It replaces Identity UI's page so the reset link is built from
/// Portal:BaseUrl (never the request's Host header, which an attacker could set to harvest reset
/// tokens) and goes through the outbox. The answer is the same whether or not the address is known.
/// </summary>
[AllowAnonymous]
public class ForgotPasswordModel(UserManager<PortalUser> users, Notifier notifier, PortalDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.com")]
        [StringLength(Domain.Common.FieldLengths.Email, ErrorMessage = "An e-mail address has at most 256 characters")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is not null && user.DisabledAt is null && await users.IsEmailConfirmedAsync(user))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            await notifier.PasswordResetAsync(user.Id, "/Identity/Account/ResetPassword?code=" + Uri.EscapeDataString(code), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
