using System.ComponentModel.DataAnnotations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The portal's own sign-in page. It replaces Identity UI's page so that failed attempts count towards
/// lockout, every attempt is a security event, an unknown address costs as much as a known one, and a
/// disabled or unconfirmed account gets its clear message only after its right password.
/// </summary>
[AllowAnonymous]
public class LoginModel(
    PortalSignInManager signInManager,
    UserManager<PortalUser> users,
    UnknownUserPassword unknownUser,
    SecurityEvents events,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address in the correct format, like name@example.com")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage))
        {
            ModelState.AddModelError(string.Empty, ErrorMessage);
        }

        // Start from a clean external cookie so a half-finished external sign-in cannot leak in.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = ReturnUrls.LocalOrHome(returnUrl);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        returnUrl = ReturnUrls.LocalOrHome(returnUrl);
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Every attempt costs one password hash, known address or not, so the answer's timing does not
        // tell whether an account exists; the account's state is told only after its right password.
        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            unknownUser.Verify(users.PasswordHasher, Input.Password);
            await events.RecordNowAsync(SecurityEvents.SignInFailed, string.Empty, "unknown account", "Sign-in refused: no account has the e-mail address given");
            return Refused();
        }

        // A disabled account is locked for ever as well: it is told apart below, only after its right password.
        if (user.DisabledAt is null && await users.IsLockedOutAsync(user))
        {
            unknownUser.Verify(users.PasswordHasher, Input.Password);
            await events.RecordNowAsync(SecurityEvents.AccountLockedOut, user, $"{user.DisplayName} <{user.Email}> is locked out; refused a sign-in");
            return RedirectToPage("./Lockout");
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await users.AccessFailedAsync(user);
            if (user.DisabledAt is null && await users.IsLockedOutAsync(user))
            {
                logger.LogWarning("User account locked out.");
                await events.RecordNowAsync(SecurityEvents.AccountLockedOut, user, $"{user.DisplayName} <{user.Email}> was locked out after {users.Options.Lockout.MaxFailedAccessAttempts} wrong passwords");
                return RedirectToPage("./Lockout");
            }

            await events.RecordNowAsync(SecurityEvents.SignInFailed, user, $"{user.DisplayName} <{user.Email}>: wrong password");
            return Refused();
        }

        if (!await signInManager.CanSignInAsync(user))
        {
            await events.RecordNowAsync(SecurityEvents.SignInFailed, user, $"{user.DisplayName} <{user.Email}>: right password, but the account is {(user.DisabledAt is null ? "not activated" : "disabled")}");
            ModelState.AddModelError(string.Empty, "This account cannot sign in. It may not be activated yet or it has been disabled: contact the assessment organisation.");
            return Page();
        }

        var result = await signInManager.SignInAfterPasswordAsync(user, Input.RememberMe);
        if (result.RequiresTwoFactor)
        {
            await events.RecordNowAsync(SecurityEvents.SignInSucceeded, user, $"{user.DisplayName} <{user.Email}>: right password; asked for the second step");
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = returnUrl, Input.RememberMe });
        }

        logger.LogInformation("User signed in.");
        await events.RecordNowAsync(SecurityEvents.SignInSucceeded, user, $"{user.DisplayName} <{user.Email}> signed in with a password");
        return LocalRedirect(returnUrl);
    }

    private PageResult Refused()
    {
        ModelState.AddModelError(string.Empty, "The e-mail address or password is not right.");
        return Page();
    }
}
