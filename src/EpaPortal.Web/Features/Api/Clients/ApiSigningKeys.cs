using System.Collections.Concurrent;
using System.Security.Cryptography;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace EpaPortal.Web.Features.Api.Clients;

/// <summary>
/// The keys that sign and validate access tokens. Loaded from the database on first use and again when a
/// token names a key this instance has not seen (another instance made it); the first instance to find
/// none makes one.
/// </summary>
public sealed class ApiSigningKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, SymmetricSecurityKey> _keys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IDataProtector _protector = protection.CreateProtector("EpaPortal.Api.TokenSigningKey.v1");
    private SymmetricSecurityKey? _current;

    /// <summary>The key new tokens are signed with (the newest).</summary>
    public async Task<SymmetricSecurityKey> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        await LoadAsync(createIfNone: true, cancellationToken);
        return _current ?? throw new InvalidOperationException("No API token signing key could be loaded or made.");
    }

    /// <summary>Makes sure the key a token names is loaded (reads the database once for an unknown key id).</summary>
    public async Task EnsureAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyId) || keyId.Length > ApiSigningKey.KeyIdLength || _keys.ContainsKey(keyId))
        {
            return;
        }

        await LoadAsync(createIfNone: false, cancellationToken);
    }

    /// <summary>For the token validator: the key with this id, if known.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        keyId is not null && _keys.TryGetValue(keyId, out var key) ? [key] : [];

    public void Dispose() => _gate.Dispose();

    private async Task LoadAsync(bool createIfNone, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var rows = await db.ApiSigningKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
            if (rows.Count == 0 && createIfNone)
            {
                var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var row = new ApiSigningKey(keyId, _protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), clock.GetUtcNow());
                db.ApiSigningKeys.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                rows.Add(row);
            }

            foreach (var row in rows)
            {
                _keys.GetOrAdd(row.KeyId, _ => new SymmetricSecurityKey(Convert.FromBase64String(_protector.Unprotect(row.ProtectedKey))) { KeyId = row.KeyId });
            }

            if (rows.Count > 0)
            {
                _current = _keys[rows[^1].KeyId];
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
