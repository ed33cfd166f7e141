using System.Net;
using EpaPortal.Bench;
using EpaPortal.Bench.Volume;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>What one probed request answered and which SQL commands it caused.</summary>
public sealed record PageProbe(string Url, HttpStatusCode Status, string Html, IReadOnlyList<RecordedCommand> Commands)
{
    /// <summary>What the page itself asked the database (everything but the sign-in ticket lookup).</summary>
    public IReadOnlyList<RecordedCommand> PageCommands => Commands.Where(c => !c.IsSessionRead).ToList();

    public string Describe() =>
        $"{Url} issued {PageCommands.Count} commands besides the ticket read:{Environment.NewLine}{string.Join(Environment.NewLine + "--" + Environment.NewLine, PageCommands.Select(c => c.Sql))}";
}

/// <summary>
/// The portal with an EF Core command interceptor (<see cref="CommandRecorder"/>) added to its pooled
/// DbContext, and the volume generator at hand. A second factory on a copy of the first one's database
/// (<see cref="CopyDatabaseTo()"/>) is the same portal with the same cases, users and ids, to grow further.
/// </summary>
public sealed class VolumePortalFactory : PortalFactory
{
    public VolumePortalFactory()
    {
    }

    internal VolumePortalFactory(string folder)
        : base(folder)
    {
    }

    public CommandRecorder Commands { get; } = new();

    /// <summary>Fills the database up to <paramref name="cases"/> cases: one template per state through the
    /// real workflow (made once, used again by a copy), the rest copies; generated users get the demo password.</summary>
    public async Task<VolumeReport> GenerateAsync(int cases)
    {
        await using var scope = Services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<VolumeGenerator>();
        return await generator.GenerateAsync(new VolumeOptions { Cases = cases, TemplatesPerState = 1, Password = DemoPassword });
    }

    /// <summary>A consistent copy of the database (VACUUM INTO) in a new folder for another factory.</summary>
    public async Task<string> CopyDatabaseTo()
    {
        var folder = NewFolder();
        await CopyDatabaseTo(Path.Combine(folder, "portal.db"));
        return folder;
    }

    /// <summary>A consistent copy of the database (VACUUM INTO) at <paramref name="target"/>, replacing what is there.</summary>
    public async Task CopyDatabaseTo(string target)
    {
        File.Delete(target);
        await WithDbAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {target}"));
    }

    /// <summary>A new folder holding a copy of the database file <paramref name="database"/>, for a factory to run on.</summary>
    public static string CopyToNewFolder(string database)
    {
        var folder = NewFolder();
        File.Copy(database, Path.Combine(folder, "portal.db"));
        return folder;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "epaportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Signs in, loads the page once (JIT, caches, key ring), then loads it again with the recorder on.</summary>
    public async Task<PageProbe> ProbeAsync(string email, string url)
    {
        using var client = await SignInAsync(email);
        return await ProbeAsync(client, url);
    }

    public async Task<PageProbe> ProbeAsync(PortalClient client, string url)
    {
        using (var warm = await client.GetAsync(url))
        {
            if (warm.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {url} answered {(int)warm.StatusCode} before probing.");
            }
        }

        return await ProbeOnceAsync(client, url);
    }

    /// <summary>One GET of <paramref name="url"/> with the commands it caused, without a warm-up first.</summary>
    public async Task<PageProbe> ProbeOnceAsync(PortalClient client, string url)
    {
        var probe = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(CommandRecorder.Header, probe);
        using var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        return new PageProbe(url, response.StatusCode, html, Commands.Take(probe));
    }

    /// <summary>A signed-in client whose requests can be probed one at a time (<see cref="ProbeHandler"/>), keeping cookies, not following redirects.</summary>
    public async Task<(PortalClient Client, ProbeHandler Probe)> SignInProbingAsync(string email)
    {
        var probe = new ProbeHandler();
        var client = new PortalClient(CreateDefaultClient(new Uri("http://localhost"), probe, new CookieContainerHandler()));
        await client.SignInAsync(email, DemoPassword);
        return (client, probe);
    }

    /// <summary>The benchmark host's pieces (the baseline page, the generator; no command delay), the recorder and the endpoint notes.</summary>
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddBench(new ConfigurationBuilder().Build());
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(Commands));
            services.AddSingleton<IStartupFilter>(new EndpointRecording(Commands));
        });

    /// <summary>Notes which endpoint answered each probed request, so a budget names the endpoint, not just the URL.</summary>
    private sealed class EndpointRecording(CommandRecorder commands) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                var probe = context.Request.Headers[CommandRecorder.Header].ToString();
                if (probe.Length > 0 && context.GetEndpoint() is RouteEndpoint endpoint)
                {
                    commands.RecordEndpoint(probe, EndpointKeys.Of(endpoint));
                }
            });
            next(app);
        };
    }
}

/// <summary>
/// Adds the <see cref="CommandRecorder.Header"/> to the next request of the armed method only, so a helper
/// that loads a form before posting it has just its POST counted.
/// </summary>
public sealed class ProbeHandler : DelegatingHandler
{
    private string? _probe;
    private HttpMethod? _method;

    public void Arm(string probe, HttpMethod method) => (_probe, _method) = (probe, method);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_probe is not null && request.Method == _method)
        {
            request.Headers.Add(CommandRecorder.Header, _probe);
            (_probe, _method) = (null, null);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
