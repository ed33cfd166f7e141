using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Access;

namespace EpaPortal.Web.Features.Api.Clients;

/// <summary>
/// A system of one organisation (its MIS or e-portfolio) that calls the API with the OAuth 2.0
/// client-credentials flow. The secret is shown once when it is made and only its SHA-256 is kept.
/// </summary>
public class ApiClient
{
    public const int ClientIdLength = 40;
    public const int ScopesLength = 100;

    private ApiClient()
    {
        ClientId = Name = Scopes = SecretHash = CreatedById = string.Empty;
    }

    public ApiClient(string clientId, string name, int organisationId, IEnumerable<string> scopes, string secretHash, DateTimeOffset createdAt, string createdById)
    {
        ClientId = clientId;
        Name = name;
        OrganisationId = organisationId;
        Scopes = string.Join(' ', scopes.Order(StringComparer.Ordinal));
        SecretHash = secretHash;
        CreatedAt = createdAt;
        CreatedById = createdById;
    }

    public int Id { get; private set; }

    /// <summary>The public client id (<c>epa_</c> and 24 random characters).</summary>
    public string ClientId { get; private set; }

    public string Name { get; private set; }

    public int OrganisationId { get; private set; }

    /// <summary>Granted scopes, space-separated (<see cref="ApiScopes"/>).</summary>
    public string Scopes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedById { get; private set; }

    public DateTimeOffset? SecretChangedAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public IReadOnlySet<string> ScopeSet => ApiScopes.Parse(Scopes) ?? new HashSet<string>();

    public void ReplaceSecret(string secretHash, DateTimeOffset at)
    {
        SecretHash = secretHash;
        SecretChangedAt = at;
    }

    public void Disable(DateTimeOffset at) => DisabledAt ??= at;
}

/// <summary>Client ids and secrets: random, high-entropy, compared in constant time.</summary>
public static class ApiClientSecrets
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewClientId() => "epa_" + RandomNumberGenerator.GetString(Alphabet, 24);

    /// <summary>A 256-bit secret, base64url: too long to guess, so one fast hash is enough to store it safely.</summary>
    public static string NewSecret() => "eps_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string? secret, string hash)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
    }

    public static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
