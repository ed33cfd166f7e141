using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Security;

/// <summary>
/// Keeps sign-in tickets in the database, so sign-out (or an admin disabling the account) ends the
/// session immediately on every instance, and a cookie copied before sign-out is refused after it.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    /// <summary>How long an identical renewal of a session is skipped after the one that was written.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromSeconds(10);

    private const int MaxTrackedRenewals = 10_000;
    private static readonly TicketSerializer Serializer = TicketSerializer.Default;
    private readonly ConcurrentDictionary<string, Renewal> _renewals = new(StringComparer.Ordinal);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(UserSession.KeyLength / 2));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.UserSessions.Add(new UserSession
        {
            Key = key,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            Ticket = Serializer.Serialize(ticket),
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = ticket.Properties.ExpiresUtc,
        });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>
    /// Stores the renewed ticket. Several requests of one session can find its ticket due for renewal at
    /// once (the security stamp is checked every minute, and a page's requests arrive together): the first
    /// writes, and the others, renewing the same principal and properties within
    /// <see cref="CoalesceWindow"/>, skip their identical write. A changed ticket (new claims, new
    /// properties) is always written.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var renewal = new Renewal(clock.GetUtcNow(), ContentDigest(ticket));
        var current = _renewals.AddOrUpdate(key, renewal, (_, last) =>
            last.Digest == renewal.Digest && renewal.At - last.At < CoalesceWindow ? last : renewal);
        if (!ReferenceEquals(current, renewal))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var bytes = Serializer.Serialize(ticket);
            var expires = ticket.Properties.ExpiresUtc;
            await db.UserSessions.Where(s => s.Key == key)
                .ExecuteUpdateAsync(update => update.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires));
        }
        catch
        {
            // Not written: the next request's renewal must not be skipped because of this one.
            _renewals.TryRemove(new KeyValuePair<string, Renewal>(key, renewal));
            throw;
        }

        if (_renewals.Count > MaxTrackedRenewals)
        {
            var before = renewal.At - CoalesceWindow;
            foreach (var entry in _renewals.Where(e => e.Value.At < before))
            {
                _renewals.TryRemove(entry);
            }
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var bytes = await db.UserSessions.AsNoTracking().Where(s => s.Key == key).Select(s => s.Ticket).SingleOrDefaultAsync();
        return bytes is null ? null : Serializer.Deserialize(bytes);
    }

    public async Task RemoveAsync(string key)
    {
        _renewals.TryRemove(key, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.UserSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>The ticket without its issue and expiry times: two renewals with the same digest differ only in time.</summary>
    private static string ContentDigest(AuthenticationTicket ticket)
    {
        var items = ticket.Properties.Items
            .Where(i => i.Key is not (IssuedKey or ExpiresKey))
            .ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
        var timeless = new AuthenticationTicket(ticket.Principal, new AuthenticationProperties(items), ticket.AuthenticationScheme);
        return Convert.ToHexString(SHA256.HashData(Serializer.Serialize(timeless)));
    }

    private const string IssuedKey = ".issued";
    private const string ExpiresKey = ".expires";

    private sealed record Renewal(DateTimeOffset At, string Digest);

    /// <summary>Ends every session of a user (used when an account is disabled).</summary>
    public static Task EndAllSessionsAsync(PortalDbContext db, string userId) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
}

/// <summary>Points the Identity cookie at the database ticket store.</summary>
public sealed class TicketStoreCookieSetup(DatabaseTicketStore store) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
