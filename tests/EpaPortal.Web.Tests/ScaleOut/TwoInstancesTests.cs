using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure.Jobs;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Notifications;
using EpaPortal.Web.Tests.Portfolio;
using EpaPortal.Web.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.ScaleOut;

/// <summary>
/// Two portal processes (A and B, Kestrel on two ports) over one SQLite database file, one blob container on
/// Azurite and one SMTP server, each with every background loop running (outbox dispatcher, evidence sweep).
/// A is started and ready first, then B, as a rolling deployment would.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    public const string Password = "two-instances-2026";

    private readonly AzuriteFixture _azurite = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "epaportal-two-instances", Guid.NewGuid().ToString("N"));

    public TestSmtpServer Smtp { get; } = new();

    public PortalProcess A { get; private set; } = null!;

    public PortalProcess B { get; private set; } = null!;

    public string Container { get; } = AzuriteFixture.NewContainer();

    public string DatabasePath => Path.Combine(_folder, "portal.db");

    public BlobContainerClient Blobs => new(_azurite.ConnectionString, Container);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _azurite.InitializeAsync();
        await Smtp.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["DemoData:Enabled"] = "true",
            ["DemoData:Scenarios"] = "false",
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:Container"] = Container,
            ["Storage:AzureBlob:BlockMegabytes"] = "1",
            ["Portal:BaseUrl"] = "https://epa.example.test",
            ["Email:Transport"] = "Smtp",
            ["Email:From"] = "epa@portal.example.test",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:UseTls"] = "false",

            // Both dispatchers poll every second and claim one message at a time: they interleave.
            ["Email:Outbox:DispatcherEnabled"] = "true",
            ["Email:Outbox:PollSeconds"] = "1",
            ["Email:Outbox:BatchSize"] = "1",
            ["Security:RequireTwoFactorForStaff"] = "false",
            ["RateLimits:LoginPerMinute"] = "10000",
            ["RateLimits:UploadsPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:EpaPortal.Web.Infrastructure.Jobs.JobLeases"] = "Information",
            ["Logging:LogLevel:EpaPortal.Web.Features.Notifications.OutboxDispatcher"] = "Information",
        };
        var secrets = new Dictionary<string, string>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}",
            ["DemoData:Password"] = Password,
            ["Storage:AzureBlob:ConnectionString"] = _azurite.ConnectionString,
        };
        A = await PortalProcess.StartAsync("A", settings, secrets);
        B = await PortalProcess.StartAsync("B", settings, secrets);
    }

    /// <summary>A browser: one cookie jar, used against either instance.</summary>
    public Browser NewBrowser() => new(this);

    /// <summary>Reads the shared database directly (assertions only).</summary>
    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, DatabaseSetup.SqliteProvider, $"Data Source={DatabasePath}");
        await using var db = new PortalDbContext(options.Options);
        return await work(db);
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await _azurite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the OS later.
        }
    }

    /// <summary>One person's browser: cookies are per host, not per port, so both instances see the same ones.</summary>
    public sealed class Browser : IDisposable
    {
        private readonly HttpClientHandler _handlerA;
        private readonly HttpClientHandler _handlerB;

        public Browser(TwoInstancesFixture fixture)
        {
            _handlerA = new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true };
            _handlerB = new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true };
            OnA = new PortalClient(new HttpClient(_handlerA) { BaseAddress = fixture.A.BaseAddress });
            OnB = new PortalClient(new HttpClient(_handlerB) { BaseAddress = fixture.B.BaseAddress });
        }

        public CookieContainer Cookies { get; } = new();

        public PortalClient OnA { get; }

        public PortalClient OnB { get; }

        public void Dispose()
        {
            OnA.Dispose();
            OnB.Dispose();
        }
    }
}

[Trait(Category.Name, Category.Integration)]
public class TwoInstancesTests(TwoInstancesFixture portals) : IClassFixture<TwoInstancesFixture>
{
    [Fact]
    public async Task BothInstances_AreReady_OnTheDatabaseAndTheBlobStore()
    {
        foreach (var portal in new[] { portals.A, portals.B })
        {
            using var client = new HttpClient { BaseAddress = portal.BaseAddress };
            using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            Assert.Contains(json.RootElement.GetProperty("checks").EnumerateArray(), c => c.TryGetProperty("provider", out var provider) && provider.GetString() == "AzureBlob");
        }

        Assert.NotEqual(portals.A.ProcessId, portals.B.ProcessId);
        Assert.NotEqual(portals.A.BaseAddress, portals.B.BaseAddress);
    }

    [Fact]
    public async Task ASessionStartedOnA_WorksOnB_AndSigningOutOnA_EndsItOnB()
    {
        using var browser = portals.NewBrowser();
        await browser.OnA.SignInAsync(Demo.Apprentice, TwoInstancesFixture.Password);

        var onB = await browser.OnB.GetAsync("/apprentice");
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        var signedIn = browser.Cookies.GetCookieHeader(portals.B.BaseAddress);

        var signOut = await browser.OnA.SubmitFormAsync("/apprentice", new Dictionary<string, string>(), "form[action*='Logout']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // The old cookie, replayed on B as a thief would: the session is gone from the database.
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = portals.B.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/apprentice", UriKind.Relative));
        request.Headers.Add("Cookie", signedIn);
        var after = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Identity/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAntiforgeryTokenIssuedByA_IsAcceptedByB_AndAnUploadOnA_DownloadsOnB_ByteForByte()
    {
        using var browser = portals.NewBrowser();
        await browser.OnA.SignInAsync(Demo.Apprentice2, TwoInstancesFixture.Password);
        var tokenFromA = await browser.OnA.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload");

        // Posted to B with A's token (and A's antiforgery cookie): accepted.
        var viaB = await UploadAsync(browser.OnB, tokenFromA, "via-b.pdf", Files.Pdf(50_000));
        Assert.True(viaB.Accepted, viaB.Message);

        // A forged token is refused by B: the check does run there.
        var forged = await UploadAsync(browser.OnB, tokenFromA[..^4] + "AAAA", "forged.pdf", Files.Pdf(1000));
        Assert.False(forged.Accepted);

        // An upload of several blocks on A, read back on B.
        var content = Files.Pdf(3_300_000);
        var onA = await UploadAsync(browser.OnA, await browser.OnA.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload"), "big.pdf", content);
        Assert.True(onA.Accepted, onA.Message);
        var fileId = await portals.WithDbAsync(db => db.StoredFiles.Where(f => f.OriginalFileName == "big.pdf").Select(f => f.Id).SingleAsync());

        var download = await browser.OnB.GetAsync($"/evidence/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());

        using var ranged = new HttpRequestMessage(HttpMethod.Get, new Uri($"/evidence/files/{fileId}", UriKind.Relative));
        ranged.Headers.Range = new RangeHeaderValue(2_000_000, null);
        var tail = await browser.OnB.Http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(content.AsSpan(2_000_000).ToArray(), await tail.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AChangeMadeOnA_IsSeenOnBsPages_AtOnce()
    {
        using var browser = portals.NewBrowser();
        await browser.OnA.SignInAsync(Demo.Admin, TwoInstancesFixture.Password);
        var caseId = await portals.WithDbAsync(db => (from c in db.Cases join a in db.Apprentices on c.ApprenticeId equals a.Id where a.Email == Demo.OtherOrgApprentice select c.Id).SingleAsync());
        var page = $"/admin/cases/{caseId}";

        // B shows (and keeps) the case page first.
        Assert.DoesNotContain("id=\"on-hold\"", await ReadAsync(browser.OnB, page), StringComparison.Ordinal);

        var hold = await browser.OnA.SubmitFormAsync($"{page}/hold", new Dictionary<string, string> { ["Input.Reason"] = "Waiting for the employer to confirm the new start date." });
        Assert.Equal(HttpStatusCode.Redirect, hold.StatusCode);
        Assert.Contains("id=\"on-hold\"", await ReadAsync(browser.OnB, page), StringComparison.Ordinal);

        var resume = await browser.OnA.SubmitFormAsync($"{page}/resume", new Dictionary<string, string> { ["Input.Reason"] = "The employer confirmed the date." });
        Assert.Equal(HttpStatusCode.Redirect, resume.StatusCode);
        Assert.DoesNotContain("id=\"on-hold\"", await ReadAsync(browser.OnB, page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOutbox_SendsEachEmailOnce_WithBothDispatchersRunning()
    {
        var since = await portals.WithDbAsync(db => db.OutboxMessages.Select(m => (int?)m.Id).MaxAsync()) ?? 0;
        string[] people = [Demo.Apprentice, Demo.Apprentice2, Demo.OtherOrgApprentice, Demo.Employer, Demo.OtherEmployer, Demo.Assessor];

        // Twelve password resets asked for, half on each instance.
        foreach (var (email, i) in people.Concat(people).Select((e, i) => (e, i)))
        {
            using var browser = portals.NewBrowser();
            var client = i % 2 == 0 ? browser.OnA : browser.OnB;
            var response = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email }, "form#forgot-password");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var queued = await portals.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Id > since).ToListAsync());
        Assert.Equal(12, queued.Count);
        for (var i = 0; i < 600 && await portals.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Id > since && m.SentAt == null)) > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await portals.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Id > since && (m.SentAt == null || m.Attempts != 1))));

        // The server has each message exactly once: no duplicate arrives later either.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = portals.Smtp.Received.Where(m => m.Subject?.Contains("password", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Equal(12, received.Count);
        Assert.Equal(12, received.Select(m => m.MessageId).Distinct().Count());
        foreach (var email in people)
        {
            Assert.Equal(2, portals.Smtp.To(email).Count(m => m.Subject?.Contains("password", StringComparison.OrdinalIgnoreCase) == true));
        }
    }

    [Fact]
    public void TheSweepAndTheOutboxHousekeeping_RanOnce_NotOnceOnEachInstance()
    {
        foreach (var job in new[] { JobNames.EvidenceSweep, JobNames.OutboxHousekeeping })
        {
            var onA = portals.A.CountOutputLines($"Job {job} claimed by");
            var onB = portals.B.CountOutputLines($"Job {job} claimed by");
            Assert.True(onA + onB == 1, $"{job} ran {onA} time(s) on A and {onB} on B.{Environment.NewLine}A:{Environment.NewLine}{portals.A.Output}{Environment.NewLine}B:{Environment.NewLine}{portals.B.Output}");
        }
    }

    private static async Task<string> ReadAsync(PortalClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Uploads one file as the page's script does, with the given antiforgery token in the header.</summary>
    private static async Task<OutcomeJson> UploadAsync(PortalClient client, string token, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (field, value) in Uploads.Details(title: Path.GetFileNameWithoutExtension(name)))
        {
            form.Add(new StringContent(value), field);
        }

        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/apprentice/portfolio/upload", UriKind.Relative)) { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new OutcomeJson(name, false, $"answered {(int)response.StatusCode}", null, null);
        }

        var batch = await Uploads.ReadAsync(response);
        return batch.Files.SingleOrDefault() ?? new OutcomeJson(name, false, batch.Problem ?? "no outcome", null, null);
    }
}
