using System.Globalization;
using System.Text;

namespace EpaPortal.Web.Storage;

/// <summary>Turns an uploaded file name into a safe display name. It is never used as a path.</summary>
public static class FileNames
{
    private const string Fallback = "file";

    private static readonly char[] Reserved = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// Keeps the last path segment, drops control and invisible formatting characters (a right-to-left
    /// override can disguise "exe.pdf" as "fdp.exe"), replaces reserved characters, trims dots and spaces,
    /// avoids device names and shortens long names keeping the extension.
    /// </summary>
    public static string Clean(string? raw, int maxLength)
    {
        var name = raw ?? string.Empty;
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            name = name[(lastSeparator + 1)..];
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            builder.Append(Array.IndexOf(Reserved, c) >= 0 ? '_' : char.IsWhiteSpace(c) ? ' ' : c);
        }

        name = builder.ToString().Trim().Trim('.', ' ');
        while (name.Contains("  ", StringComparison.Ordinal))
        {
            name = name.Replace("  ", " ", StringComparison.Ordinal);
        }

        if (name.Length == 0)
        {
            return Fallback;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        if (ReservedDeviceNames.Contains(stem))
        {
            name = "_" + name;
        }

        if (name.Length > maxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length > 16 ? string.Empty : extension;
            name = name[..(maxLength - extension.Length)].TrimEnd('.', ' ') + extension;
        }

        return name;
    }

    /// <summary>The lower-case extension without the dot ("" when none).</summary>
    public static string ExtensionOf(string cleanName)
    {
        var extension = Path.GetExtension(cleanName);
        return extension.Length > 1 ? extension[1..].ToLowerInvariant() : string.Empty;
    }
}
