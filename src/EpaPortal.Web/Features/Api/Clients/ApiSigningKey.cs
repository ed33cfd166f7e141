namespace EpaPortal.Web.Features.Api.Clients;

/// <summary>
/// A key that signs the API's access tokens (HMAC-SHA256), kept in the database so every instance
/// validates every instance's tokens. The key bytes are encrypted with the portal's data-protection key
/// ring (itself in the database), never stored in clear.
/// </summary>
public class ApiSigningKey
{
    public const int KeyIdLength = 32;
    public const int ProtectedLength = 1000;

    private ApiSigningKey()
    {
        KeyId = ProtectedKey = string.Empty;
    }

    public ApiSigningKey(string keyId, string protectedKey, DateTimeOffset createdAt)
    {
        KeyId = keyId;
        ProtectedKey = protectedKey;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string KeyId { get; private set; }

    public string ProtectedKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
