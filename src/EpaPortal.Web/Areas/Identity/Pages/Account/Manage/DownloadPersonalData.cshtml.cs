using System.Text.Json;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The download of the account's details (replaces Identity UI's, which included the authenticator key).
/// It lists named fields only, so a new secret column can never slip into it: no password hash, security
/// or concurrency stamp, authenticator key, recovery codes or tokens.
/// </summary>
public class DownloadPersonalDataModel(UserManager<PortalUser> users, PortalDbContext db, SecurityEvents events) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound("The account was not found.");
        }

        var organisation = user.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var data = new Dictionary<string, string?>
        {
            ["Account id"] = user.Id,
            ["Name"] = user.DisplayName,
            ["E-mail address"] = user.Email,
            ["E-mail address confirmed"] = user.EmailConfirmed ? "yes" : "no",
            ["Phone number"] = user.PhoneNumber,
            ["Roles"] = string.Join(", ", await users.GetRolesAsync(user)),
            ["Organisation"] = organisation,
            ["Two-step verification"] = user.TwoFactorEnabled ? "on" : "off",
            ["Account created"] = UkTime.DateTime(user.CreatedAt),
            ["Account disabled"] = user.DisabledAt is { } disabled ? UkTime.DateTime(disabled) : null,
        };

        await events.RecordNowAsync(SecurityEvents.PersonalDataDownloaded, user, $"{user.DisplayName} <{user.Email}> downloaded their account details", cancellationToken: cancellationToken);
        Response.Headers.ContentDisposition = "attachment; filename=\"PersonalData.json\"";
        return new FileContentResult(JsonSerializer.SerializeToUtf8Bytes(data, Indented), "application/json");
    }
}
