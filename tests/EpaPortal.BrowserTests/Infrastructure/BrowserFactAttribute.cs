namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// A test that needs Chromium. Without a browser it is reported as skipped with the install instructions,
/// so <c>dotnet test</c> passes on a bare machine; under CI (CI=true) it runs and fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = BrowserSkip.Reason;
    }
}

/// <summary>The <see cref="BrowserFactAttribute"/> of data-driven tests.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        Skip = BrowserSkip.Reason;
    }
}

internal static class BrowserSkip
{
    /// <summary>Null (run) when Chromium is there or when CI must fail loudly without it.</summary>
    public static string? Reason => Chromium.ExecutablePath is null && !Chromium.IsCi ? Chromium.MissingMessage : null;
}
