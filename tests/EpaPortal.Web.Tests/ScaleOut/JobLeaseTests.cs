using EpaPortal.Web.Infrastructure.Jobs;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EpaPortal.Web.Tests.ScaleOut;

/// <summary>
/// The job lease over the real database: several instances (each its own <see cref="JobLeases"/>, as each
/// process has) asking at once get exactly one run; a run is not repeated within its period on any
/// instance; a crashed holder's claim ends by itself.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class JobLeaseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Hourly = TimeSpan.FromHours(1);
    private static readonly TimeSpan MaxRun = TimeSpan.FromMinutes(10);

    private JobLeases NewInstance() =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Clock, NullLogger<JobLeases>.Instance);

    private static string NewJob() => "test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ManyInstancesClaimingAtOnce_ExactlyOneRuns_TheFirstTimeAndLater()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => NewInstance()).ToList();
        var job = NewJob();

        // The first run anywhere creates the row: the racing inserts let one through.
        var first = await Task.WhenAll(instances.SelectMany(i => new[] { i.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None), i.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None) }));
        Assert.Single(first, c => c is not null);
        foreach (var claim in first.Where(c => c is not null))
        {
            await claim!.DisposeAsync();
        }

        // A period later the row exists: the conditional UPDATE lets one through.
        factory.Clock.Advance(Hourly);
        var second = await Task.WhenAll(instances.SelectMany(i => new[] { i.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None), i.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None) }));
        Assert.Single(second, c => c is not null);
        foreach (var claim in second.Where(c => c is not null))
        {
            await claim!.DisposeAsync();
        }
    }

    [Fact]
    public async Task AfterARun_NoInstanceRunsItAgain_UntilItsPeriodHasPassed()
    {
        var a = NewInstance();
        var b = NewInstance();
        var job = NewJob();

        await using (var claim = await a.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None))
        {
            Assert.NotNull(claim);
            claim.Succeeded = true;
        }

        Assert.Null(await b.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None));
        Assert.Null(await a.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None));

        factory.Clock.Advance(Hourly + TimeSpan.FromSeconds(1));
        await using var later = await b.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None);
        Assert.NotNull(later);
        var row = await factory.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job));
        Assert.Equal(b.Instance, row.HeldBy);
        Assert.NotNull(row.HeldUntil);
    }

    [Fact]
    public async Task AHolderThatNeverReleases_LosesItsClaim_WhenItsRunTimeIsOver()
    {
        var crashed = NewInstance();
        var survivor = NewInstance();
        var job = NewJob();
        var every = TimeSpan.FromMinutes(5);

        Assert.NotNull(await crashed.TryClaimAsync(job, every, MaxRun, CancellationToken.None));

        // Due again, but still held: the run may still be going.
        factory.Clock.Advance(every + TimeSpan.FromSeconds(1));
        Assert.Null(await survivor.TryClaimAsync(job, every, MaxRun, CancellationToken.None));

        factory.Clock.Advance(MaxRun);
        await using var taken = await survivor.TryClaimAsync(job, every, MaxRun, CancellationToken.None);
        Assert.NotNull(taken);
    }

    [Fact]
    public async Task Release_FreesTheRow_ButKeepsWhoRanIt()
    {
        var instance = NewInstance();
        var job = NewJob();

        await using (var claim = await instance.TryClaimAsync(job, Hourly, MaxRun, CancellationToken.None))
        {
            claim!.Succeeded = true;
        }

        var row = await factory.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job));
        Assert.Null(row.HeldUntil);
        Assert.Equal(instance.Instance, row.HeldBy);
        Assert.Equal(factory.Clock.GetUtcNow() + Hourly, row.NextRunAt);
    }
}
