namespace EpaPortal.Domain.Identifiers;

/// <summary>An apprenticeship standard's reference: "ST" followed by 4 digits, e.g. ST0128.</summary>
public static class StandardReference
{
    /// <summary>Returns a message the user understands, or null when the reference is acceptable.</summary>
    public static string? Validate(string? value)
    {
        var reference = value?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            return "Enter the standard reference, for example ST0128.";
        }

        if (reference.Length != 6 || !reference.StartsWith("ST", StringComparison.Ordinal) || !reference[2..].All(char.IsAsciiDigit))
        {
            return "A standard reference is ST followed by 4 digits, for example ST0128 (capital S and T).";
        }

        return null;
    }

    public static bool IsValid(string? value) => Validate(value) is null;
}
