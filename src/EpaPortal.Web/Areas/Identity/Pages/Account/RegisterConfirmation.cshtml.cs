using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// No self-registration, so no registration confirmation either. This page replaces
/// Identity UI's (which can show confirmation links) and answers 404.
/// </summary>
[AllowAnonymous]
public class RegisterConfirmationModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost() => NotFound();
}
