using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// "Personal data" (replaces Identity UI's page): a download of what the account holds, and no way to delete
/// the account. An assessment organisation must keep assessment records, so closing an account is an admin's
/// audited action that keeps them (docs/guide-admin.md).
/// </summary>
public class PersonalDataModel : PageModel
{
    public void OnGet()
    {
    }
}
