using System.Collections.Concurrent;
using EpaPortal.Domain.Access;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Api.Clients;

/// <summary>What a token's client is now: its organisation's parts, its scopes, and whether it is still enabled.</summary>
public sealed record ApiClientInfo(int Id, string ClientId, string Name, int OrganisationId, OrganisationParts Parts, IReadOnlySet<string> Scopes, bool Enabled, string SecretHash);

/// <summary>
/// Looks clients up for the token endpoint and for every API call. A call re-reads its client at most every
/// <c>Api:ClientCacheSeconds</c> (default 30) on each instance, so a disabled client or a new secret takes effect
/// within that time everywhere without a database read per call.
/// </summary>
public sealed class ApiClientDirectory(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (ApiClientInfo? Info, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    private TimeSpan CacheFor => TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Api:ClientCacheSeconds", 30)));

    public async Task<ApiClientInfo?> FindAsync(string clientId, bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _cache.TryGetValue(clientId, out var cached) && cached.Until > now)
        {
            return cached.Info;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await (from c in db.ApiClients.AsNoTracking()
                         join o in db.Organisations.AsNoTracking() on c.OrganisationId equals o.Id
                         where c.ClientId == clientId
                         select new { Client = c, Organisation = o })
            .SingleOrDefaultAsync(cancellationToken);
        var info = row is null ? null : new ApiClientInfo(row.Client.Id, row.Client.ClientId, row.Client.Name, row.Client.OrganisationId,
            OrganisationScope.PartsOf(row.Organisation), row.Client.ScopeSet, row.Client.DisabledAt is null, row.Client.SecretHash);
        _cache[clientId] = (info, now + CacheFor);
        return info;
    }

    /// <summary>Forgets a client on this instance at once (after an admin changed it here).</summary>
    public void Forget(string clientId) => _cache.TryRemove(clientId, out _);
}
