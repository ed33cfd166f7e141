using System.Net;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// One portal and one Chromium for the whole browser run: the real portal (environment Testing, a fresh
/// SQLite file with the demo data, see <see cref="PortalFactory"/>) on Kestrel at 127.0.0.1 on a free port,
/// and Debian's Chromium driven by Playwright. Each test opens its own browser contexts (cookies) in it.
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    /// <summary>Upper bound for one action (click, typing) or navigation: a stuck page fails within it.</summary>
    public const float ActionTimeoutMs = 15_000;

    public const float NavigationTimeoutMs = 15_000;

    /// <summary>How long an <c>Expect(…)</c> assertion waits for the page to get there.</summary>
    public const float ExpectTimeoutMs = 10_000;

    private KestrelPortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run (no Chromium), or null.</summary>
    public string? UnavailableReason { get; private set; }

    public PortalFactory Portal => _factory ?? throw Unavailable();

    public IBrowser Browser => _browser ?? throw Unavailable();

    /// <summary>The portal's address, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Where screenshots are written (bin/…/screenshots, git-ignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Chromium.ExecutablePath;
        if (executable is null)
        {
            // Tests are skipped (or, under CI, fail with this message): start nothing.
            UnavailableReason = Chromium.IsCi
                ? $"{Chromium.MissingMessage} CI=true, so a missing browser fails the browser tests instead of skipping them."
                : Chromium.MissingMessage;
            return;
        }

        _factory = new KestrelPortalFactory();
        var server = Task.Run(() =>
        {
            _factory.StartServer();
            return _factory.ListeningAddress();
        });

        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Chromium.Arguments,
                Timeout = 30_000,
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {executable} did not start: {e.Message}", e);
        }

        BaseAddress = await server;
        await WarmUpAsync(BaseAddress);
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A new browser context (its own cookies, like a separate person's browser) with the run's timeouts.</summary>
    /// <param name="locale">The browser's language and region (en-GB unless a test shows another locale changes nothing).</param>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            // No transitions: focus rings and alerts are screenshot as they finally look.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        await Accessibility.InstallAsync(context);
        context.SetDefaultNavigationTimeout(NavigationTimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>
    /// Pays the portal's cold start (first database use, JIT, view and asset loading) here, not inside the
    /// first test's 15-second navigation budget.
    /// </summary>
    private static async Task WarmUpAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
        foreach (var path in new[] { "/health/ready", "/Identity/Account/Login", "/css/site.css" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The portal answered {(int)response.StatusCode} to GET {path} while starting.");
            }
        }
    }

    private InvalidOperationException Unavailable() => new(UnavailableReason ?? "The browser portal has not started.");

    /// <summary>The portal on Kestrel (a real socket a browser can reach) instead of the in-memory test server.</summary>
    private sealed class KestrelPortalFactory : PortalFactory
    {
        public KestrelPortalFactory()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);

            // Outside Development, ASP.NET Core serves only wwwroot as published. From build output the
            // compressed variants and Identity UI's files are found through the static web assets manifest,
            // as `dotnet run` does in Development; without it stylesheets arrive empty.
            builder.UseStaticWebAssets();
        }

        public Uri ListeningAddress()
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel reported no addresses.");
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"Kestrel is not listening on 127.0.0.1: {string.Join(", ", addresses)}");
            return new Uri(address);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserPortal>
{
    public const string Name = "Browser";
}
