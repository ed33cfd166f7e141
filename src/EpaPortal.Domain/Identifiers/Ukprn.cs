namespace EpaPortal.Domain.Identifiers;

/// <summary>The UK Provider Reference Number of a training provider: 8 digits starting with 1 (10000000–19999999, domain.md section 11).</summary>
public static class Ukprn
{
    /// <summary>Returns a message the user understands, or null when the UKPRN is acceptable.</summary>
    public static string? Validate(string? value)
    {
        var ukprn = value?.Trim();
        if (string.IsNullOrEmpty(ukprn))
        {
            return "Enter the UKPRN (UK Provider Reference Number).";
        }

        if (ukprn.Length != 8 || !ukprn.All(char.IsAsciiDigit))
        {
            return "A UKPRN is exactly 8 digits, for example 10012345.";
        }

        if (ukprn[0] != '1')
        {
            return "A UKPRN starts with 1 (it lies between 10000000 and 19999999).";
        }

        return null;
    }

    public static bool IsValid(string? value) => Validate(value) is null;
}
