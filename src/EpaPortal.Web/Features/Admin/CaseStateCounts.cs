using System.Collections.Frozen;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

/// <summary>
/// How many cases are in each state, for the tabs of the admin's case list. Counting every case on every
/// view was a quarter of the page's cost at 10,000 cases, so the counts are kept and counted again only
/// when a case has been added, deleted or moved to another state since: the save that does it changes the
/// case-states epoch in its own transaction (<see cref="ChangeStamps"/>, on any instance). The epoch is
/// read before the counting, so kept counts are never older than their epoch.
/// </summary>
public sealed class CaseStateCounts
{
    private volatile Kept? kept;

    public async Task<IReadOnlyDictionary<CaseState, int>> GetAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var epoch = await EpochQuery(db, cancellationToken);
        var current = kept;
        if (current is not null && current.Epoch == epoch)
        {
            return current.Counts;
        }

        var counts = await db.Cases.AsNoTracking()
            .GroupBy(c => c.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.State, x => x.Count, cancellationToken);
        var fresh = new Kept(epoch, counts.ToFrozenDictionary());
        kept = fresh;
        return fresh.Counts;
    }

    private static readonly Func<PortalDbContext, CancellationToken, Task<Guid>> EpochQuery =
        EF.CompileAsyncQuery((PortalDbContext db, CancellationToken cancellationToken) =>
            db.DataEpochs.AsNoTracking().Where(e => e.Id == DataEpoch.CaseStates).Select(e => e.Value).Single());

    private sealed record Kept(Guid Epoch, IReadOnlyDictionary<CaseState, int> Counts);
}
