using System.Data.Common;
using System.Diagnostics;
using System.Net;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Security;

/// <summary>With the database gone, readiness says so quickly, pages show a friendly error with no details,
/// and the portal recovers by itself when the database is back.</summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Integration)]
public class DatabaseOutageTests
{
    [Fact]
    public async Task DatabaseOutage_IsReportedQuickly_ShownFriendly_AndRecoveredFrom()
    {
        using var factory = new OutageFactory();

        // Production seeds demo users without passwords: give one a password here.
        await factory.WithDbAsync(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Data.PortalUser>>();
            var employer = await users.FindByEmailAsync(Demo.Employer);
            Assert.True((await users.AddPasswordAsync(employer!, PortalFactory.DemoPassword)).Succeeded);
        });
        using var client = await factory.SignInAsync(Demo.Employer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employer")).StatusCode);

        // The load balancer probes without a sign-in cookie.
        using var probe = factory.CreatePortalClient();
        factory.Outage.IsDown = true;
        var watch = Stopwatch.StartNew();
        var ready = await probe.GetAsync("/health/ready");
        watch.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = await ready.Content.ReadAsStringAsync();
        using (var json = System.Text.Json.JsonDocument.Parse(report))
        {
            Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
            var database = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
            Assert.Equal("The database is not available.", database.GetProperty("description").GetString());
        }

        // Which check failed, and nothing more: no exception text.
        Assert.DoesNotContain(OutageSwitch.Message, report, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", report, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Readiness took {watch.Elapsed} to report the outage.");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/live")).StatusCode);

        var page = await client.GetAsync("/employer");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sorry, there is a problem with the service", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(OutageSwitch.Message, body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body.Replace("quote reference", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        factory.Outage.IsDown = false;
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employer")).StatusCode);
    }

    /// <summary>Fails every database connection while <see cref="IsDown"/> is set, as an outage would.</summary>
    public sealed class OutageSwitch : DbConnectionInterceptor
    {
        public const string Message = "Simulated outage: the database server cannot be reached.";

        private volatile bool _isDown;

        public bool IsDown
        {
            get => _isDown;
            set => _isDown = value;
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            IsDown ? throw new InvalidOperationException(Message) : ValueTask.FromResult(result);

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            IsDown ? throw new InvalidOperationException(Message) : result;
    }

    private sealed class OutageFactory : PortalFactory
    {
        public OutageSwitch Outage { get; } = new();

        protected override Uri BaseAddress => new("https://localhost");

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            // Production error handling (the friendly page).
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services => services.ConfigureDbContext<Web.Data.PortalDbContext>(o => o.AddInterceptors(Outage)));
        }
    }
}
