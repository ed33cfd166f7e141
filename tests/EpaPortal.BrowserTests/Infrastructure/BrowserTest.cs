using System.Text.RegularExpressions;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// Base of every browser test. Each person in a test gets their own browser context (cookies) in the run's
/// Chromium. The test fails at the end when a page it visited was never checked with axe
/// (<see cref="CheckPageAsync"/>), or when a page had a script error, a Content-Security-Policy violation or
/// a missing stylesheet, script or image.
/// </summary>
/// <remarks>Derived classes carry <c>[Collection(BrowserCollection.Name)]</c> and <c>[Trait(Category.Name, Category.Browser)]</c>.</remarks>
public abstract partial class BrowserTest(BrowserPortal browser) : IAsyncLifetime
{
    public const string LoginPath = "/Identity/Account/Login";

    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _visited = [];
    private readonly HashSet<string> _checked = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];

    protected BrowserPortal Browser { get; } = browser;

    /// <summary>The running portal (its database, clock and services) for assertions; act through the browser.</summary>
    protected PortalFactory Portal => Browser.Portal;

    public Task InitializeAsync()
    {
        // Only reached without Chromium under CI=true (otherwise [BrowserFact] skips): fail with the reason.
        if (Browser.UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        return Task.CompletedTask;
    }

    /// <summary>A new person's browser: a fresh context (no cookies) with one page.</summary>
    protected async Task<IPage> OpenBrowserAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(locale);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        Watch(page);
        return page;
    }

    /// <summary>
    /// Opens a new browser and signs in as <paramref name="email"/> by typing into the real sign-in form.
    /// With <paramref name="returnPath"/> the person opens that page, the portal sends them to sign in, and
    /// after signing in they are back on it. Returns the page they land on.
    /// </summary>
    protected async Task<IPage> SignInAsync(string email, string? returnPath = null, string password = PortalFactory.DemoPassword, string locale = "en-GB")
    {
        var page = await OpenBrowserAsync(locale);
        await page.GotoAsync(returnPath ?? LoginPath);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(LoginPath), RegexOptions.IgnoreCase));
        await TypeSignInAsync(page, email, password);
        return page;
    }

    /// <summary>Types the e-mail and password into the sign-in form on <paramref name="page"/>, submits it and waits to be signed in.</summary>
    protected static async Task TypeSignInAsync(IPage page, string email, string password = PortalFactory.DemoPassword)
    {
        await page.GetByLabel("E-mail address").PressSequentiallyAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).PressSequentiallyAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        var signedIn = page.Locator("#sign-out");
        var error = page.Locator(".validation-summary-errors, .field-validation-error");
        await Assertions.Expect(signedIn.Or(error).First).ToBeVisibleAsync();
        if (!await signedIn.IsVisibleAsync())
        {
            Assert.Fail($"Signing in as {email} failed: {await error.First.InnerTextAsync()}");
        }
    }

    /// <summary>Runs axe on the page (no serious or critical WCAG 2.2 A/AA violation) and, when named, saves a screenshot.</summary>
    protected async Task CheckPageAsync(IPage page, string? screenshot = null)
    {
        _checked.Add(PathOf(page.Url));

        // Judge the page as people see it: on a busy machine the DOM can be ready before the stylesheets are
        // applied, and axe then measures unstyled targets and colours. The document's own readyState is asked
        // rather than Playwright's load event: after a script-only change (an XHR upload, no navigation) CI once
        // waited 15 s for a load event Playwright had not recorded although the page had long loaded.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await Accessibility.AssertNoSeriousAxeViolationsAsync(page);
        if (screenshot is not null)
        {
            await SaveScreenshotAsync(page, screenshot);
        }
    }

    /// <summary>The tallest screenshot saved, in CSS pixels: longer pages are cut here so the images suit the user guides.</summary>
    public const int MaxScreenshotHeight = 1800;

    /// <summary>
    /// Saves a full-page screenshot (at most <see cref="MaxScreenshotHeight"/> pixels tall, from the top) as
    /// screenshots/&lt;name&gt;.png beside the test assembly.
    /// </summary>
    protected static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        Assert.Matches(ScreenshotName(), name);
        var path = Path.Combine(BrowserPortal.ScreenshotFolder, name + ".png");
        var height = await page.EvaluateAsync<int>("() => Math.ceil(document.documentElement.scrollHeight)");
        var width = page.ViewportSize?.Width ?? 1280;
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Clip = new Clip { X = 0, Y = 0, Width = width, Height = Math.Min(height, MaxScreenshotHeight) },
        });
        return path;
    }

    /// <summary>Follows every main-frame navigation and collects script errors, CSP violations and failed sub-resources.</summary>
    private void Watch(IPage page)
    {
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && frame.Url.StartsWith("http", StringComparison.Ordinal))
            {
                _visited.Add(PathOf(frame.Url));
            }
        };
        page.PageError += (_, error) => _problems.Add($"script error on {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _problems.Add($"CSP violation on {page.Url}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                _problems.Add($"{response.Request.ResourceType} {response.Url} answered {response.Status} on {page.Url}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        var failures = new List<string>();
        var notChecked = _visited.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(path => !_checked.Contains(path) && !path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (notChecked.Count > 0)
        {
            failures.Add($"Pages visited but not checked with CheckPageAsync (axe): {string.Join(", ", notChecked)}");
        }

        failures.AddRange(_problems);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The path of a URL, the unit pages are tracked by (the sign-in page is checked by its own test).</summary>
    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ScreenshotName();
}
