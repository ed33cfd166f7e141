using System.Globalization;

namespace EpaPortal.Bench.Volume;

/// <summary>
/// The benchmark host's command <c>--generate-volume N</c>: prepares the database as on start-up (migrations,
/// standards, demo data where enabled), fills it with <see cref="VolumeGenerator"/> up to N cases, prints a
/// summary and exits without serving. Settings under "Volume" (e.g. <c>--Volume:Assessors 50</c>); in
/// Development the generated users get the demo password. See bench/README.md.
/// </summary>
public static class VolumeCommand
{
    public const string Key = "generate-volume";

    /// <summary>Runs the command when it was asked for; returns false (nothing done) otherwise.</summary>
    public static async Task<bool> TryRunAsync(WebApplication app)
    {
        var value = app.Configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cases) || cases < 1)
        {
            throw new ArgumentException($"--{Key} needs the number of cases, e.g. --{Key} 10000.");
        }

        var options = app.Configuration.GetSection(VolumeOptions.Section).Get<VolumeOptions>() ?? new VolumeOptions();
        options.Cases = cases;
        if (options.Password is null && app.Environment.IsDevelopment())
        {
            options.Password = app.Configuration["DemoData:Password"];
        }

        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<VolumeGenerator>().GenerateAsync(options, app.Lifetime.ApplicationStopping);
        var output = Console.Out;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"volume cases_before={report.CasesBefore} cases={report.CasesAfter} templates={report.Templates} copies={report.Copies} seconds={report.Elapsed.TotalSeconds:F1}"));
        foreach (var (state, count) in report.ByState.OrderBy(s => s.Key))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"volume state={state} cases={count}"));
        }

        return true;
    }
}
