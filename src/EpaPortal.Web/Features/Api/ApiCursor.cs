using System.Globalization;
using System.Text;

namespace EpaPortal.Web.Features.Api;

/// <summary>
/// An opaque keyset cursor for the API's lists: the last id of the page, base64url-encoded with a version
/// prefix. Lists are ordered by id, so a page reads from an index and never skips or repeats a row when
/// others are added meanwhile.
/// </summary>
public static class ApiCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(long lastId) =>
        Clients.ApiClientSecrets.Base64UrlEncode(Encoding.ASCII.GetBytes("v1:" + lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The id after which the page starts (0 for the first page), or null for a cursor this API did not make.</summary>
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        if (cursor.Length > 40)
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("v1:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 0 ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
