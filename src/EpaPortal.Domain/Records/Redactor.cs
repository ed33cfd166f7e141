using System.Text.RegularExpressions;

namespace EpaPortal.Domain.Records;

/// <summary>
/// Removes other people's personal data from text that goes into someone's subject access export: the
/// names, e-mail addresses, account ids and ULNs of the people known to be mentioned, and, whoever they
/// belong to, any other e-mail address, account id (a GUID) or ULN-like number that is not the subject's
/// own. What the subject is (their own name, address, id, ULN) is never removed.
/// </summary>
public sealed partial class Redactor
{
    public const string Mark = "[redacted]";

    /// <summary>Shorter names are too likely to be ordinary words ("Al", "Jo"): they are not searched for.</summary>
    public const int MinNameLength = 3;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Regex? _others;
    private readonly HashSet<string> _own;

    /// <param name="others">Other people's names, e-mail addresses, account ids and ULNs.</param>
    /// <param name="own">The subject's own name, e-mail addresses, account id and ULN.</param>
    public Redactor(IEnumerable<string?> others, IEnumerable<string?> own)
    {
        _own = new HashSet<string>(own.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!.Trim()), StringComparer.OrdinalIgnoreCase);
        var terms = others
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!.Trim())
            .Where(t => t.Length >= MinNameLength && !_own.Contains(t))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(t => t.Length)
            .Select(t => $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(t)}(?![\p{{L}}\p{{N}}])")
            .ToList();
        if (terms.Count > 0)
        {
            _others = new Regex(string.Join('|', terms), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
        }
    }

    /// <summary>The text with other people's data replaced by <see cref="Mark"/>.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = _others?.Replace(text, Mark) ?? text;
        result = EmailAddress().Replace(result, m => _own.Contains(m.Value) ? m.Value : Mark);
        result = AccountId().Replace(result, m => _own.Contains(m.Value) ? m.Value : Mark);
        result = UlnLike().Replace(result, m => _own.Contains(m.Value) ? m.Value : Mark);
        return result;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex AccountId();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{9}(?![0-9A-Za-z])", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex UlnLike();
}
