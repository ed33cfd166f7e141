using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EpaPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real portal (Program) in the "Testing" environment over its own SQLite file, migrated and seeded
/// with the demo data exactly as on first run. One factory per test class; tests that change data use
/// data of their own or a fresh factory.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "test-password-2026";

    private readonly string _folder;

    public PortalFactory()
        : this(Path.Combine(Path.GetTempPath(), "epaportal-tests", Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>A portal over the data in <paramref name="folder"/>: a second factory on the same folder is a restart.</summary>
    protected PortalFactory(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "portal.db");
    }

    public string DatabasePath { get; }

    /// <summary>Set to keep the data folder after disposal (to restart on it).</summary>
    public bool KeepData { get; set; }

    public string DataFolder => _folder;

    /// <summary>The portal's clock: tests move it to open windows and pass deadlines.</summary>
    public FakeTimeProvider Clock { get; } = CreateClock();

    private static FakeTimeProvider CreateClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        return clock;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Password", DemoPassword);

        // Tests build the cases they need with CaseScenarios; the demo's further-on cases stay out.
        builder.UseSetting("DemoData:Scenarios", "false");
        builder.UseSetting("Email:DropFolder", Path.Combine(_folder, "mail"));
        builder.UseSetting("Storage:Root", Path.Combine(_folder, "evidence"));

        // Most tests sign staff in many times a minute without an authenticator; the security tests
        // that prove these protections turn them back on (see ConfigureSettings).
        builder.UseSetting("Security:RequireTwoFactorForStaff", "false");
        builder.UseSetting("RateLimits:LoginPerMinute", "10000");
        builder.UseSetting("RateLimits:UploadsPerMinute", "10000");
        builder.UseSetting("RateLimits:CalendarFeedPerMinute", "10000");

        // Background loops stay still; tests advance them explicitly with the fake clock.
        builder.UseSetting("CaseClock:Enabled", "false");
        builder.UseSetting("Records:JobsEnabled", "false");

        // Every grade goes to quality assurance, so no test depends on the random sample; the sampling
        // tests set their own share.
        builder.UseSetting("Quality:SamplePercent", "100");
        ConfigureSettings(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);

            // Password hashing is deliberately slow; the tests hash thousands of times.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>Overrides settings for a specialised factory (called after the defaults).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see 302s.</summary>
    public PortalClient CreatePortalClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress }));

    /// <summary>http://localhost; a factory running in Production uses https (its cookies are Secure).</summary>
    protected virtual Uri BaseAddress => new("http://localhost");

    public async Task<PortalClient> SignInAsync(string email)
    {
        var client = CreatePortalClient();
        await client.SignInAsync(email, DemoPassword);
        return client;
    }

    /// <summary>Runs work against the portal's database in its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await work(db);
    }

    public Task WithDbAsync(Func<PortalDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !KeepData)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine: the temp folder is cleaned by the OS later.
            }
        }
    }
}

/// <summary>Shared demo logins (see DemoDataSeeder).</summary>
public static class Demo
{
    public const string Admin = "admin@demo.test";
    public const string QualityAssurer = "qa@demo.test";
    public const string Assessor = "assessor@demo.test";
    public const string Assessor2 = "assessor2@demo.test";
    public const string Employer = "employer@acme.demo.test";
    public const string OtherEmployer = "employer@northwind.demo.test";

    /// <summary>The user of the demo training provider, Pennine Training Ltd (issue 19).</summary>
    public const string Provider = "provider@pennine.demo.test";
    public const string Apprentice = "apprentice@demo.test";
    public const string Apprentice2 = "apprentice2@demo.test";
    public const string OtherOrgApprentice = "apprentice3@demo.test";
}
