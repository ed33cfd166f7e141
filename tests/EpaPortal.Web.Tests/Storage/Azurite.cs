using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace EpaPortal.Web.Tests.Storage;

/// <summary>
/// A real Azurite blob server (the npm package <c>azurite</c>, installed globally: <c>azurite-blob</c> on
/// the PATH) on 127.0.0.1 and a free port, its data in a temporary folder, with an account whose key is
/// made up for this run (<c>AZURITE_ACCOUNTS</c>), so no key is written anywhere. Stopped (process tree
/// killed, folder deleted) on disposal.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    public const string Command = "azurite-blob";
    public const string AccountName = "epaportal";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private Azurite(Process process, string folder, int port, string key)
    {
        _process = process;
        _folder = folder;
        Port = port;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/{AccountName};";
    }

    public int Port { get; }

    /// <summary>A connection string for the portal's <c>Storage:AzureBlob:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "epaportal-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var start = new ProcessStartInfo(Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["AZURITE_ACCOUNTS"] = $"{AccountName}:{key}" },
        };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", folder, "--skipApiVersionCheck", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Command} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{Command} was not found: install Azurite with `npm install -g azurite@3.37.0` (.ci/run does).", ex);
        }

        var azurite = new Azurite(process, folder, port, key);
        process.OutputDataReceived += (_, e) => azurite.Append(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready when the port accepts connections (Node starts in about a second; up to two minutes on a loaded machine).
        for (var i = 0; i < 1200; i++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return azurite;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        var output = azurite.Output;
        await azurite.DisposeAsync();
        throw new InvalidOperationException($"Azurite did not start on port {port}: {output}");
    }

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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from the temp folder.
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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

/// <summary>One Azurite for a test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _server;

    public Azurite Server => _server ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A fresh container name, so tests sharing the server never see each other's blobs.</summary>
    public static string NewContainer() => "evidence-" + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _server = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
