using EpaPortal.Bench.Volume;
using EpaPortal.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Two portals with the same people and the same first cases: <see cref="Small"/> holds the demo's 3 cases
/// and one template case per state (24), <see cref="Large"/> is a copy of it grown to
/// <see cref="LargeCases"/> by the volume generator. A page that issues the same commands on both, for
/// the same user and URL, does not grow its command count with the data.
/// </summary>
public sealed class VolumeFixture : IAsyncLifetime
{
    /// <summary>
    /// Big enough that every list pages and every unindexed scan shows; small enough for CI (2,000: about
    /// 20 seconds to generate). EPAPORTAL_VOLUME_CASES=10000 runs the same tests at the benchmark's volume,
    /// EPAPORTAL_VOLUME_CASES=100000 at an organisation with years of history (docs/testing.md; not in CI).
    /// </summary>
    public static int LargeCases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("EPAPORTAL_VOLUME_CASES"), out var cases) && cases >= 1000 ? cases : 2000;

    /// <summary>
    /// EPAPORTAL_VOLUME_DIR: a folder that keeps the generated databases between test runs (generating
    /// 100,000 cases takes tens of minutes); they are used again while the schema's last migration is the same.
    /// </summary>
    public static string? CacheFolder { get; } = Environment.GetEnvironmentVariable("EPAPORTAL_VOLUME_DIR") is { Length: > 0 } folder ? folder : null;

    /// <summary>One template case per state the volume holds.</summary>
    public static int States => VolumeOptions.StateShares.Count;

    public VolumePortalFactory Small { get; private set; } = null!;

    public VolumePortalFactory Large { get; private set; } = null!;

    public VolumeReport SmallReport { get; private set; } = null!;

    public VolumeReport LargeReport { get; private set; } = null!;

    /// <summary>The assessor the templates are allocated to (a generated one: the first by e-mail).</summary>
    public string TemplateAssessorEmail { get; private set; } = null!;

    /// <summary>Template case ids by state (the same ids in both databases).</summary>
    public IReadOnlyDictionary<CaseState, int> TemplateCases { get; private set; } = null!;

    /// <summary>The apprentice sign-in of each template case.</summary>
    public IReadOnlyDictionary<CaseState, string> TemplateApprentices { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var reused = await TryReuseAsync();
        if (!reused)
        {
            Small = new VolumePortalFactory();
            var demoCases = await Small.WithDbAsync(db => db.Cases.CountAsync());
            SmallReport = await Small.GenerateAsync(demoCases + VolumeOptions.StateShares.Count);
        }

        var templates = await Small.WithDbAsync(db => db.Cases.AsNoTracking()
            .Where(c => c.Apprentice!.FamilyName.StartsWith(VolumeGenerator.TemplateFamilyName))
            .Select(c => new { c.Id, c.State, c.Apprentice!.Email, c.AssessorId })
            .ToListAsync());
        TemplateCases = templates.ToDictionary(t => t.State, t => t.Id);
        TemplateApprentices = templates.ToDictionary(t => t.State, t => t.Email);
        var assessorId = templates.First(t => t.AssessorId is not null).AssessorId;
        TemplateAssessorEmail = await Small.WithDbAsync(db => db.Users.Where(u => u.Id == assessorId).Select(u => u.Email!).SingleAsync());

        if (reused)
        {
            return;
        }

        Large = new VolumePortalFactory(await Small.CopyDatabaseTo());
        LargeReport = await Large.GenerateAsync(LargeCases);
        if (CacheFolder is { } cache)
        {
            Directory.CreateDirectory(cache);
            await Small.CopyDatabaseTo(Path.Combine(cache, "small.db"));
            await Large.CopyDatabaseTo(Path.Combine(cache, $"large-{LargeCases}.db"));
            await File.WriteAllTextAsync(Path.Combine(cache, $"large-{LargeCases}.stamp"), await StampAsync(Large));
        }
    }

    /// <summary>The databases kept in <see cref="CacheFolder"/> by an earlier run with the same volume and schema, if any.</summary>
    private async Task<bool> TryReuseAsync()
    {
        if (CacheFolder is not { } cache || !File.Exists(Path.Combine(cache, $"large-{LargeCases}.stamp")))
        {
            return false;
        }

        Small = new VolumePortalFactory(VolumePortalFactory.CopyToNewFolder(Path.Combine(cache, "small.db")));
        Large = new VolumePortalFactory(VolumePortalFactory.CopyToNewFolder(Path.Combine(cache, $"large-{LargeCases}.db")));
        if (await File.ReadAllTextAsync(Path.Combine(cache, $"large-{LargeCases}.stamp")) != await StampAsync(Large))
        {
            Small.Dispose();
            Large.Dispose();
            return false;
        }

        SmallReport = await ReportAsync(Small, 0);
        LargeReport = await ReportAsync(Large, SmallReport.CasesAfter);
        return true;
    }

    /// <summary>The case count and the schema (the last migration applied), which a kept database must match.</summary>
    private static Task<string> StampAsync(VolumePortalFactory factory) =>
        factory.WithDbAsync(async db => $"{await db.Cases.CountAsync()} {(await db.Database.GetAppliedMigrationsAsync()).Last()} {db.Database.GetMigrations().Last()}");

    private static Task<VolumeReport> ReportAsync(VolumePortalFactory factory, int before) =>
        factory.WithDbAsync(async db =>
        {
            var byState = await db.Cases.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var after = byState.Values.Sum();
            return new VolumeReport(before, after, before == 0 ? VolumeOptions.StateShares.Count : 0, before == 0 ? 0 : after - before, TimeSpan.Zero, byState);
        });

    public Task DisposeAsync()
    {
        Small?.Dispose();
        Large?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class VolumeCollection : ICollectionFixture<VolumeFixture>
{
    public const string Name = "Volume";
}
