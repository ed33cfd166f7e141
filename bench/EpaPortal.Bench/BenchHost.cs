using EpaPortal.Bench.Volume;
using EpaPortal.Web.Data;
using EpaPortal.Web.Infrastructure;

namespace EpaPortal.Bench;

/// <summary>
/// The benchmark host: the portal as src/EpaPortal.Web builds and runs it (its services, pipeline,
/// settings, views and static files, under its own application name), with the benchmark's pieces added
/// (<see cref="BenchSetup"/>). <c>--generate-volume N</c> fills the database and exits; <c>--prepare-only</c>
/// brings a kept database up to date (migrations and the one-time upgrades the portal makes at start-up, such as
/// sealing older audit entries into the chain) and exits; otherwise it serves.
/// </summary>
public static class BenchHost
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalDbContext).Assembly.GetName().Name,
        });
        builder.AddPortal();
        builder.Services.AddBench(builder.Configuration);

        var app = builder.Build();
        app.UsePortalPipeline();
        await app.PreparePortalDatabaseAsync(args);
        if (args.Contains("--prepare-only"))
        {
            return;
        }

        if (await VolumeCommand.TryRunAsync(app))
        {
            return;
        }

        var bench = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BenchOptions>>().Value;
        var delay = bench.CommandDelayMs;
        if (delay > 0 && bench.WriterQueue)
        {
            app.Logger.LogWarning("Benchmark mode: every database command waits {Delay} ms first (Bench:CommandDelayMs), and transactions queue for the database in the process.", delay);
        }
        else if (delay > 0)
        {
            app.Logger.LogWarning("Benchmark mode: every database command waits {Delay} ms first (Bench:CommandDelayMs); no writer queue (Bench:WriterQueue=false).", delay);
        }

        await app.RunAsync();
    }
}

/// <summary>Settings of the benchmark host (section "Bench").</summary>
public sealed class BenchOptions
{
    public const string Section = "Bench";

    /// <summary>Milliseconds added before every database command (0: none), standing in for a networked SQL Server.</summary>
    public int CommandDelayMs { get; set; }

    /// <summary>With a delay: transactions queue for the database in the process (<see cref="WriterQueueInterceptor"/>); false shows the delay mode without it.</summary>
    public bool WriterQueue { get; set; } = true;
}

public static class BenchSetup
{
    /// <summary>
    /// The baseline page (<see cref="PingController"/>), the volume generator, and with
    /// <c>Bench:CommandDelayMs</c> above 0 the <see cref="CommandDelayInterceptor"/> and the
    /// <see cref="WriterQueueInterceptor"/> on the portal's DbContext.
    /// </summary>
    public static IServiceCollection AddBench(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMvcCore().AddApplicationPart(typeof(PingController).Assembly);
        services.AddScoped<VolumeGenerator>();
        services.Configure<BenchOptions>(configuration.GetSection(BenchOptions.Section));
        var delay = configuration.GetValue<int>($"{BenchOptions.Section}:{nameof(BenchOptions.CommandDelayMs)}");
        if (delay > 0)
        {
            var commandDelay = new CommandDelayInterceptor(TimeSpan.FromMilliseconds(delay));
            Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors =
                configuration.GetValue($"{BenchOptions.Section}:{nameof(BenchOptions.WriterQueue)}", true) ? [commandDelay, new WriterQueueInterceptor()] : [commandDelay];
            services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(interceptors));
        }

        return services;
    }
}
