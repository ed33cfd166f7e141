using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EpaPortal.Web.Tests.ScaleOut;

/// <summary>
/// The built portal (<c>src/EpaPortal.Web/bin/&lt;Configuration&gt;/net10.0/EpaPortal.Web.dll</c>) run as a
/// process of its own on Kestrel at http://127.0.0.1:&lt;port&gt;, as a deployment runs it: nothing is shared
/// with the test process or another instance but what the settings name (database file, blob container,
/// mail server). Its console output is kept for assertions; it is stopped with SIGTERM.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built web app next to this test build (same configuration).</summary>
    public static string WebAppPath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            for (var folder = testBin; folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "EpaPortal.sln")))
                {
                    var dll = Path.Combine(folder.FullName, "src", "EpaPortal.Web", "bin", configuration, "net10.0", "EpaPortal.Web.dll");
                    return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution (dotnet build EpaPortal.sln -c {configuration}) first.");
                }
            }

            throw new InvalidOperationException("EpaPortal.sln was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// Starts an instance with <paramref name="settings"/> (as command-line settings) and
    /// <paramref name="secrets"/> (as environment variables, so they never show in a process list), and
    /// waits until /health/ready answers 200.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> secrets)
    {
        var dll = WebAppPath;
        var port = Storage.Azurite.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["DOTNET_NOLOGO"] = "1",
            },
        };
        foreach (var (key, value) in secrets)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var portal = new PortalProcess(process, name, baseAddress);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return portal;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        var output = portal.Output;
        await portal.DisposeAsync();
        throw new InvalidOperationException($"Portal {name} did not become ready on {baseAddress}:{Environment.NewLine}{output}");
    }

    /// <summary>Lines of its console output containing <paramref name="text"/>.</summary>
    public int CountOutputLines(string text) =>
        Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A graceful stop first (hosted services end, the outbox hands back its claims).
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
