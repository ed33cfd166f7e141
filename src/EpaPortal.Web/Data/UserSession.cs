namespace EpaPortal.Web.Data;

/// <summary>
/// A signed-in session, stored server-side: the cookie holds only <see cref="Key"/>. Signing out deletes
/// the row, so a copied cookie stops working at once, on every instance.
/// </summary>
public class UserSession
{
    public const int KeyLength = 64;

    public string Key { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    /// <summary>The serialized authentication ticket.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
