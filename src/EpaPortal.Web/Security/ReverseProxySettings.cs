using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EpaPortal.Web.Security;

/// <summary>
/// <c>ReverseProxy</c> settings. With <see cref="Enabled"/>, X-Forwarded-For and X-Forwarded-Proto are
/// honoured only from the proxies listed in <see cref="KnownProxies"/> (addresses) and
/// <see cref="KnownNetworks"/> (CIDR ranges), and from the loopback address when neither is set. Anyone
/// else's headers are ignored, so a client cannot choose the address the rate limits and the audit log see.
/// </summary>
public sealed class ReverseProxySettings
{
    public const string Section = "ReverseProxy";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies in front of the portal, e.g. "10.0.0.4".</summary>
    public IList<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in front of the portal, e.g. "10.0.0.0/24".</summary>
    public IList<string> KnownNetworks { get; set; } = [];

    public static void Apply(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<ReverseProxySettings>() ?? new ReverseProxySettings();
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

        // One proxy hop: the address the nearest trusted proxy saw.
        options.ForwardLimit = 1;
        if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
        {
            // ASP.NET Core's defaults: the loopback address only.
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"ReverseProxy:KnownProxies has '{proxy}', which is not an IP address."));
        }

        foreach (var network in settings.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ReverseProxy:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/24."));
        }
    }
}

/// <summary>What an operator must know at start-up about how the portal's protections are set.</summary>
public static partial class StartupNotices
{
    public static void Log(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EpaPortal.Security");
        var twoFactor = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwoFactorOptions>>().Value;
        if (!twoFactor.RequireTwoFactorForStaff)
        {
            LogTwoFactorOff(logger, app.Environment.EnvironmentName);
        }

        var proxy = app.Configuration.GetSection(ReverseProxySettings.Section).Get<ReverseProxySettings>() ?? new ReverseProxySettings();
        if (proxy.Enabled && proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0)
        {
            LogLoopbackProxyOnly(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two-factor authentication is NOT required for staff (Security:RequireTwoFactorForStaff=false, environment {Environment}). Assessors, quality assurers and admins can use the portal with a password alone: never run production like this.")]
    private static partial void LogTwoFactorOff(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReverseProxy:Enabled is set but no ReverseProxy:KnownProxies or KnownNetworks: forwarded headers are honoured only from the loopback address.")]
    private static partial void LogLoopbackProxyOnly(ILogger logger);
}
