using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// Standard versions (areas, competencies, modules, criteria, grade table) read once and shared, untracked,
/// by the pages that ask the workflow what a case may do next: a version is reference data that does not
/// change while cases use it (a new version is new data), and loading it costs seven commands. Entries
/// expire after a few minutes so a corrected version is picked up without a restart. Never attach a cached
/// version to a tracked entity.
/// </summary>
public sealed class StandardVersionCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<StandardVersion> GetAsync(PortalDbContext db, int versionId, CancellationToken cancellationToken) =>
        await FindAsync(db, versionId, cancellationToken) ?? throw new InvalidOperationException($"Standard version {versionId} does not exist.");

    /// <summary>The version, or null when there is none with that id (nothing is kept for a missing one).</summary>
    public async Task<StandardVersion?> FindAsync(PortalDbContext db, int versionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue((typeof(StandardVersionCache), versionId), out StandardVersion? cached) && cached is not null)
        {
            return cached;
        }

        var version = await db.StandardVersions.AsNoTracking()
            .Include(v => v.Standard)
            .Include(v => v.Areas)
            .Include(v => v.Competencies)
            .Include(v => v.KnowledgeModules)
            .Include(v => v.Criteria)
            .Include(v => v.GradeLookup)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        return version is null ? null : cache.Set((typeof(StandardVersionCache), versionId), version, Lifetime);
    }
}
