using System.Net;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// Identity's e-mails (address confirmation, password reset) through the outbox like every other
/// message. Identity UI hands over HTML-encoded links built from the request's host; only their path
/// and query are kept and put on <c>Portal:BaseUrl</c>.
/// </summary>
public sealed class IdentityEmailSender(Notifier notifier, PortalDbContext db) : IEmailSender<PortalUser>
{
    public async Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink)
    {
        await notifier.ConfirmEmailAsync(user.Id, email, WebUtility.HtmlDecode(confirmationLink));
        await db.SaveChangesAsync();
    }

    public async Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink)
    {
        await notifier.PasswordResetAsync(user.Id, WebUtility.HtmlDecode(resetLink));
        await db.SaveChangesAsync();
    }

    public async Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode)
    {
        await notifier.PasswordResetCodeAsync(user.Id, resetCode);
        await db.SaveChangesAsync();
    }
}
