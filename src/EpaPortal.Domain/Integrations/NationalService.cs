using System.Text.RegularExpressions;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Integrations;

/// <summary>A UK postcode as the national apprenticeship assessment service accepts it.</summary>
public static partial class UkPostcode
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value.Trim());

    /// <summary>The national service's own pattern (its certificate validator), GIR 0AA included.</summary>
    [GeneratedRegex("^(([gG][iI][rR] {0,}0[aA]{2})|((([a-pr-uwyzA-PR-UWYZ][a-hk-yA-HK-Y]?[0-9][0-9]?)|(([a-pr-uwyzA-PR-UWYZ][0-9][a-hjkstuwA-HJKSTUW])|([a-pr-uwyzA-PR-UWYZ][a-hk-yA-HK-Y][0-9][abehmnprv-yABEHMNPRV-Y]))) {0,}[0-9][abd-hjlnp-uw-zABD-HJLNP-UW-Z]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>The certificate's postal contact in the national service's fields.</summary>
public sealed record PostalContact(string ContactName, string? Organisation, string AddressLine1, string? AddressLine2, string? AddressLine3, string City, string PostCode)
{
    /// <summary>
    /// Reads the portal's free-text address (one line per part, the town then the postcode last) into the
    /// national service's fields; null when it has no address line, town or valid postcode.
    /// </summary>
    public static PostalContact? FromAddress(string contactName, string? organisation, string? address)
    {
        var lines = (address ?? string.Empty).Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        // "3 Scenario Street, York YO1 1AA": the postcode written on the town's line.
        if (lines.Count > 0 && !UkPostcode.IsValid(lines[^1]))
        {
            var words = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3 && UkPostcode.IsValid(string.Join(' ', words[^2..])))
            {
                lines[^1] = string.Join(' ', words[..^2]);
                lines.Add(string.Join(' ', words[^2..]));
            }
        }

        if (lines.Count < 3 || !UkPostcode.IsValid(lines[^1]))
        {
            return null;
        }

        var postCode = lines[^1].ToUpperInvariant();
        var city = lines[^2];
        var street = lines.Take(lines.Count - 2).ToList();
        return new PostalContact(contactName, organisation, street[0], street.ElementAtOrDefault(1),
            street.Count > 2 ? string.Join(", ", street.Skip(2)) : null, city, postCode);
    }
}

/// <summary>The outcome of one EPA attempt as the national service records it.</summary>
public enum EpaOutcome
{
    Pass,
    Fail,
    Withdrawn,
}

/// <summary>One attempt of the EPA record: <c>{epaDate, epaOutcome, resit, retake}</c>.</summary>
public sealed record EpaAttemptRecord(DateOnly EpaDate, EpaOutcome Outcome, bool Resit, bool Retake);

/// <summary>
/// The national service's rules for what an assessment organisation sends (domain.md section 9): every
/// released attempt is an EPA outcome; only a Pass, Merit or Distinction becomes a certificate (a Fail is
/// never sent as a certificate grade); the achievement date lies between 1 January 2017 and today; the
/// certificate goes to a postal contact with a valid UK postcode. The messages are the service's own.
/// </summary>
public static class NationalServiceRules
{
    public static readonly DateOnly EarliestDate = new(2017, 1, 1);

    public static EpaOutcome OutcomeOf(Grade grade) => grade == Grade.Fail ? EpaOutcome.Fail : EpaOutcome.Pass;

    public static EpaAttemptRecord Attempt(DateOnly epaDate, Grade grade, AttemptKind kind) =>
        new(epaDate, OutcomeOf(grade), kind == AttemptKind.Resit, kind == AttemptKind.Retake);

    /// <summary>The certificate's overall grade as the service spells it, or null for a Fail (no certificate).</summary>
    public static string? CertificateGrade(Grade grade) => grade switch
    {
        Grade.Pass => "Pass",
        Grade.Merit => "Merit",
        Grade.Distinction => "Distinction",
        _ => null,
    };

    /// <summary>Problems with the EPA record, in the national service's words (none: it may be sent).</summary>
    public static IReadOnlyList<string> CheckEpaRecord(IReadOnlyList<EpaAttemptRecord> attempts, DateOnly today)
    {
        var problems = new List<string>();
        if (attempts.Count == 0)
        {
            problems.Add("Provide EPA Details");
        }

        foreach (var attempt in attempts)
        {
            if (attempt.EpaDate < EarliestDate)
            {
                problems.Add("EPA Date cannot be before 01 01 2017");
            }
            else if (attempt.EpaDate > today)
            {
                problems.Add("EPA Date cannot be in the future");
            }
        }

        return problems.Distinct().ToList();
    }

    /// <summary>Problems with a certificate request, in the national service's words (none: it may be sent).</summary>
    public static IReadOnlyList<string> CheckCertificate(Grade grade, DateOnly? achievementDate, PostalContact? contact, DateOnly today)
    {
        var problems = new List<string>();
        if (grade == Grade.Fail)
        {
            problems.Add("Cannot record a Fail grade via API");
        }

        if (achievementDate is not { } date)
        {
            problems.Add("Provide the achievement date");
        }
        else if (date < EarliestDate)
        {
            problems.Add("Achievement date cannot be before 01 01 2017");
        }
        else if (date > today)
        {
            problems.Add("Achievement date cannot be in the future");
        }

        if (contact is null)
        {
            problems.Add("Provide a valid UK postcode");
        }
        else if (!UkPostcode.IsValid(contact.PostCode))
        {
            problems.Add("Provide a valid UK postcode");
        }

        return problems;
    }
}
