using System.ComponentModel.DataAnnotations;
using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Choosing a new password from a "forgotten password" link (replaces Identity UI's page, which failed with
/// a 500 on a malformed code). A bad link gets a clear message; a reset ends every session of the account
/// and is a security event; the person is told by e-mail.
/// </summary>
[AllowAnonymous]
public class ResetPasswordModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db) : PageModel
{
    public const string BadLink = "This password reset link is not valid: it may be incomplete, already used, or more than a day old. Ask for a new one from the sign-in page (\"Forgotten your password?\").";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Problem { get; private set; }

    /// <summary>Arrived from "put my address back": say why a new password is needed.</summary>
    public bool Undone { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.com")]
        [StringLength(Domain.Common.FieldLengths.Email, ErrorMessage = "An e-mail address has at most 256 characters")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(100, MinimumLength = IdentitySetup.MinimumPasswordLength, ErrorMessage = "The password must be between {2} and {1} characters long")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm the new password")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords do not match")]
        public string ConfirmPassword { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;
    }

    public IActionResult OnGet(string? code = null, bool undone = false)
    {
        Undone = undone;
        if (Decode(code) is null)
        {
            Problem = BadLink;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Input = new InputModel { Code = code! };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = Decode(Input.Code);
        if (token is null)
        {
            Problem = BadLink;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null || user.DisabledAt is not null)
        {
            // The same answer as a used link: nothing tells whether the address has an account.
            Problem = BadLink;
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                Problem = BadLink;
            }

            foreach (var error in result.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.InvalidToken)))
            {
                ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Password), error.Description);
            }

            return Page();
        }

        events.Record(SecurityEvents.PasswordReset, user, $"{user.DisplayName} <{user.Email}> chose a new password through a reset link; every session ended");
        await security.EndOtherSessionsAsync(user);
        await security.Notify(user, "the password was reset through a \"forgotten password\" link");
        await db.SaveChangesAsync();
        return RedirectToPage("./ResetPasswordConfirmation");
    }

    private static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return token.Length > 0 ? token : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
