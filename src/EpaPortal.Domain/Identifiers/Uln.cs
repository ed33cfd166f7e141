namespace EpaPortal.Domain.Identifiers;

/// <summary>
/// The Unique Learner Number (domain.md section 8): 10 digits, the first not 0, and
/// Σ dᵢ·(11−i) for i = 1..10 ≡ 10 (mod 11). Checksum enforcement is a setting (default on).
/// </summary>
public static class Uln
{
    public const int Length = 10;

    /// <summary>Returns a message the user understands, or null when the ULN is acceptable.</summary>
    /// <remarks>Surrounding spaces are ignored; store <c>value.Trim()</c>.</remarks>
    public static string? Validate(string? value, bool enforceChecksum = true)
    {
        var uln = value?.Trim();
        if (string.IsNullOrEmpty(uln))
        {
            return "Enter the apprentice's ULN (Unique Learner Number).";
        }

        if (uln.Length != Length || !uln.All(char.IsAsciiDigit))
        {
            return "A ULN is exactly 10 digits with no spaces or letters, for example 1234567899.";
        }

        if (uln[0] == '0')
        {
            return "A ULN cannot start with 0.";
        }

        if (enforceChecksum && !HasValidCheckDigit(uln))
        {
            return "This is not a valid ULN: its last digit does not match the others. Check it against the apprentice's records.";
        }

        return null;
    }

    public static bool IsValid(string? value, bool enforceChecksum = true) => Validate(value, enforceChecksum) is null;

    private static bool HasValidCheckDigit(string uln)
    {
        var sum = 0;
        for (var i = 1; i <= Length; i++)
        {
            sum += (uln[i - 1] - '0') * (11 - i);
        }

        return sum % 11 == 10;
    }
}
