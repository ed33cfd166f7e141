using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// Development e-mail: each message is written as an .eml file into a folder (Email:DropFolder), so the
/// portal needs no mail server to run.
/// </summary>
public sealed class FileDropEmailSender(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var folder = configuration["Email:DropFolder"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "App_Data", "mail");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var name = $"{now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.eml";
        var content = new StringBuilder()
            .Append("To: ").AppendLine(email)
            .Append("Subject: ").AppendLine(subject)
            .Append("Date: ").AppendLine(now.ToString("r", CultureInfo.InvariantCulture))
            .AppendLine("Content-Type: text/html; charset=utf-8")
            .AppendLine()
            .AppendLine(htmlMessage)
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(folder, name), content);
    }
}
