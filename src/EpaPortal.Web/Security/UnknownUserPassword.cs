using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Security;

/// <summary>
/// A sign-in for an address nobody has an account for would answer at once, while a real account's
/// password takes a hash to check: the difference tells an attacker which addresses have accounts. The
/// sign-in page checks the password against this dummy hash instead, made once with the portal's own
/// hasher settings, so both cost one hash.
/// </summary>
public sealed class UnknownUserPassword
{
    private static readonly PortalUser Nobody = new() { Id = "unknown", UserName = "unknown" };
    private readonly Lock _gate = new();
    private string? _hash;

    public void Verify(IPasswordHasher<PortalUser> hasher, string password)
    {
        string hash;
        lock (_gate)
        {
            hash = _hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        }

        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}

/// <summary>Where a sign-in may send people afterwards: a path on the portal, never another site.</summary>
public static class ReturnUrls
{
    public const string Home = "/";

    /// <summary>True for "/path" and "~/path" (not "//host" or "/\host", which browsers treat as another site).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && ((url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')))
            || (url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || (url[2] != '/' && url[2] != '\\'))))
        && !url.Any(char.IsControl);

    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : Home;
}
