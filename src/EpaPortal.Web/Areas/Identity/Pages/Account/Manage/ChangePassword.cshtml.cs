using System.ComponentModel.DataAnnotations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Changing the password (replaces Identity UI's page): a wrong current password counts towards lockout;
/// after the change every other session ends at once and this browser gets a new session key (ASVS 7.4.3);
/// the person is told by e-mail and the change is a security event.
/// </summary>
public class ChangePasswordModel(UserManager<PortalUser> users, AccountSecurity security, SecurityEvents events, PortalDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your current password")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string OldPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(100, MinimumLength = IdentitySetup.MinimumPasswordLength, ErrorMessage = "The password must be between {2} and {1} characters long")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Display(Name = "Confirm the new password")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound("The account was not found.");
        }

        return await users.HasPasswordAsync(user) ? Page() : RedirectToPage("./SetPassword");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound("The account was not found.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await security.ReauthenticateAsync(user, new ReauthenticationInput { CurrentPassword = Input.OldPassword }, "change the password") is { } problem)
        {
            ModelState.AddModelError(nameof(Input) + "." + nameof(Input.OldPassword), problem);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Input) + "." + nameof(Input.NewPassword), error.Description);
            }

            return Page();
        }

        events.Record(SecurityEvents.PasswordChanged, user, $"{user.DisplayName} <{user.Email}> changed the password; every other session ended");
        await security.EndOtherSessionsAsync(user);
        await security.Notify(user, "the password was changed");
        await db.SaveChangesAsync();
        StatusMessage = "Your password has been changed. Everywhere else you were signed in has been signed out.";
        return RedirectToPage();
    }
}
