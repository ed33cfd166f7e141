using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's "delete my account" page, which let anyone (an admin even) delete their own account
/// and with it the record of their part in assessments. Accounts are closed by an admin (audited, records
/// kept): this page answers 404 to every method.
/// </summary>
public class DeletePersonalDataModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost() => NotFound();
}
