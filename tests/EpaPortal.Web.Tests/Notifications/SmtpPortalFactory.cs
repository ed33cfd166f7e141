using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Notifications;

/// <summary>The portal sending through SMTP to a <see cref="TestSmtpServer"/>, with links on a known base
/// address. The dispatcher loop is off (Testing): tests run passes with <see cref="DispatchAsync"/>.</summary>
public class SmtpPortalFactory(TestSmtpServer smtp, int maxAttempts = 8) : PortalFactory
{
    public const string BaseUrl = "https://epa.example.test";

    public TestSmtpServer Smtp { get; } = smtp;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:BaseUrl", BaseUrl);
        builder.UseSetting("Email:Transport", "Smtp");
        builder.UseSetting("Email:From", "epa@portal.example.test");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:UseTls", "false");
        builder.UseSetting("Email:Smtp:TimeoutSeconds", "5");
        builder.UseSetting("Email:Outbox:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Outbox:RetryBaseSeconds", "60");
    }

    public Task<DispatchResult> DispatchAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();

    /// <summary>Runs notifier calls in one scope and saves, as a feature service does.</summary>
    public async Task NotifyAsync(Func<Notifier, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<Notifier>());
        await scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>().SaveChangesAsync();
    }

    public Task<List<OutboxMessage>> OutboxAsync() => WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<int> CaseIdOfAsync(string apprenticeEmail) =>
        WithDbAsync(db => (from c in db.Cases join a in db.Apprentices on c.ApprenticeId equals a.Id where a.Email == apprenticeEmail select c.Id).SingleAsync());

    public Task<string> UserIdOfAsync(string email) => WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Allocates an assessor as the case workflow would (the setter is the domain's own).</summary>
    public async Task AllocateAssessorAsync(int caseId, string assessorEmail)
    {
        var assessorId = await UserIdOfAsync(assessorEmail);
        await WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Cases SET AssessorId = {assessorId} WHERE Id = {caseId}"));
    }
}
