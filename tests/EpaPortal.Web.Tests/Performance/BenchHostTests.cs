using System.Diagnostics;
using System.Net;
using EpaPortal.Bench;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Benchmark machinery lives in the benchmark host (bench/EpaPortal.Bench), never in the production
/// assembly (issue 17, item 6); its command delay is on only when the bench setting asks for it (item 5).
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class BenchHostTests
{
    [Fact]
    public void ProductionAssembly_CarriesNoBenchmarkMachinery()
    {
        var names = typeof(Program).Assembly.GetTypes().Select(t => t.FullName ?? t.Name).ToList();
        Assert.DoesNotContain(names, n => n.Contains(".Bench", StringComparison.Ordinal) || n.Contains("Volume", StringComparison.Ordinal)
            || n.EndsWith("PingController", StringComparison.Ordinal) || n.Contains("CommandDelay", StringComparison.Ordinal));
        Assert.Contains(typeof(PingController).Assembly.GetTypes(), t => t.Name == "VolumeGenerator");
    }

    [Fact]
    public async Task ProductionPortal_HasNoBaselinePage_AndNoCommandDelay_EvenWhenTheBenchSettingIsGiven()
    {
        using var factory = new BenchSettingFactory(withBench: false);
        using var admin = await factory.SignInAsync(Demo.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/bench/ping")).StatusCode);
        Assert.Empty(await factory.DelayInterceptorsAsync());
    }

    [Fact]
    public async Task BenchHost_WithTheSetting_DelaysEveryCommand_AndServesTheBaseline()
    {
        using var factory = new BenchSettingFactory(withBench: true);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.GetAsync("/bench/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(25), Assert.Single(await factory.DelayInterceptorsAsync()).Delay);

        var elapsed = await factory.WithDbAsync(async db =>
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < 4; i++)
            {
                await db.Organisations.AsNoTracking().CountAsync();
            }

            return stopwatch.Elapsed;
        });
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(100), $"4 commands took {elapsed.TotalMilliseconds} ms with 25 ms added to each.");
    }

    [Fact]
    public async Task WriterQueue_AdmitsOneTransactionAtATime_AndFreesItsPlaceHoweverATransactionEnds()
    {
        var queue = new WriterQueueInterceptor();
        var path = Path.Combine(Path.GetTempPath(), $"writer-queue-{Guid.NewGuid():N}.db");
        PortalDbContext Open()
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>();
            DatabaseSetup.Configure(options, DatabaseSetup.SqliteProvider, $"Data Source={path}");
            options.AddInterceptors(queue);
            return new PortalDbContext(options.Options);
        }

        try
        {
            await using var first = Open();
            await using var second = Open();
            await using var third = Open();
            var holding = await first.Database.BeginTransactionAsync();
            var waiting = second.Database.BeginTransactionAsync();
            await Task.Delay(200);
            Assert.False(waiting.IsCompleted, "A second transaction began while the first held the queue's place.");

            await holding.CommitAsync();
            var admitted = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

            // Disposed without a commit or a rollback: no transaction event, but its connection closes.
            await admitted.DisposeAsync();
            var next = await third.Database.BeginTransactionAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await next.RollbackAsync();
            var last = await first.Database.BeginTransactionAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await last.RollbackAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>The portal with Bench:CommandDelayMs=25 in its settings; with the benchmark host's pieces added or not.</summary>
    private sealed class BenchSettingFactory(bool withBench) : PortalFactory
    {
        public Task<List<CommandDelayInterceptor>> DelayInterceptorsAsync() =>
            WithDbAsync(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!
                .Interceptors?.OfType<CommandDelayInterceptor>().ToList() ?? []));

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("Bench:CommandDelayMs", "25");
            if (withBench)
            {
                builder.ConfigureServices((context, services) => services.AddBench(context.Configuration));
            }
        }
    }
}
