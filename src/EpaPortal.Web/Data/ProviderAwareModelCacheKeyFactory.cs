using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EpaPortal.Web.Data;

/// <summary>
/// The model differs per provider (SQLite stores DateTimeOffset as ticks), so the cached model must be
/// keyed by provider too; otherwise one process using both providers (the migration tests) would share
/// the first model built.
/// </summary>
public sealed class ProviderAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.Database.ProviderName, designTime);
}
