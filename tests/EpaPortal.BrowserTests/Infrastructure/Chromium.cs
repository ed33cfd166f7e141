namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// Finds the Chromium the browser tests drive: Debian's package (<c>/usr/bin/chromium</c>) or the
/// executable named by <c>EPAPORTAL_CHROMIUM</c>. Playwright's own browser download is never used
/// (<c>playwright install</c> needs the internet).
/// </summary>
public static class Chromium
{
    public const string PathVariable = "EPAPORTAL_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    public const string InstallHint = "Chromium not found: install it with `sudo apt-get install -y chromium` (or set EPAPORTAL_CHROMIUM)";

    /// <summary>The path looked at: EPAPORTAL_CHROMIUM when set, otherwise /usr/bin/chromium.</summary>
    public static string CandidatePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(PathVariable);
            return string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured;
        }
    }

    /// <summary>The executable to launch, or null when there is none.</summary>
    public static string? ExecutablePath => File.Exists(CandidatePath) ? CandidatePath : null;

    /// <summary>True under CI (CI=true), where a missing browser is a failure rather than a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string MissingMessage => $"{InstallHint}. Looked for {CandidatePath}.";

    /// <summary>The switches every run uses: no GPU, no network chatter, no first-run or sync dialogs.</summary>
    public static readonly string[] Arguments =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
}
