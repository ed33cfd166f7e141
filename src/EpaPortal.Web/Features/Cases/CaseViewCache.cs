using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// What a case page shows, kept between views and reused only while the case is unchanged. Every view
/// first reads the case's change stamp and the database's epoch (one small command; see
/// <see cref="ChangeStamps"/>: every save that touches the case, on any instance, changes them in its own
/// transaction) and loads afresh when either differs from the kept entry's. The stamp is read before the
/// data, so a kept entry is never older than its stamp.
/// The cache decides nothing: access is checked before it is asked, and whatever depends on the viewer
/// or the time (the workflow's moves) is worked out on every view. Kept values are shared between
/// requests and must never be changed.
/// </summary>
public sealed class CaseViewCache : IDisposable
{
    /// <summary>Cases kept at most (the least recently viewed go first); an entry also goes after ten idle minutes.</summary>
    public const int Capacity = 1_000;

    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>
    /// The kept value of type <typeparamref name="T"/> for the case if the case is unchanged since it
    /// was loaded, else <paramref name="load"/>'s (then kept). Null when there is no such case.
    /// </summary>
    public async Task<T?> GetAsync<T>(PortalDbContext db, int caseId, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var stamp = await StampQuery(db, caseId, cancellationToken);
        if (stamp is null)
        {
            return null;
        }

        var key = (typeof(T), caseId);
        if (cache.TryGetValue(key, out Entry<T>? kept) && kept is not null && kept.Stamp == stamp)
        {
            return kept.Value;
        }

        var value = await load(cancellationToken);
        if (value is not null)
        {
            cache.Set(key, new Entry<T>(stamp, value), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = IdleLifetime });
        }

        return value;
    }

    public void Dispose() => cache.Dispose();

    private static readonly Func<PortalDbContext, int, CancellationToken, Task<Stamp?>> StampQuery =
        EF.CompileAsyncQuery((PortalDbContext db, int caseId, CancellationToken cancellationToken) =>
            db.Cases.AsNoTracking()
                .Where(c => c.Id == caseId)
                .Select(c => new Stamp(
                    EF.Property<Guid>(c, ChangeStamps.CaseStamp),
                    db.DataEpochs.Where(e => e.Id == DataEpoch.SharedData).Select(e => e.Value).FirstOrDefault()))
                .SingleOrDefault());

    private sealed record Stamp(Guid Case, Guid Epoch);

    private sealed record Entry<T>(Stamp Stamp, T Value);
}
