namespace EpaPortal.Web.Features.Scheduling;

/// <summary>
/// A copy of the GOV.UK bank-holidays feed an admin imported (ADR 8): the latest one replaces the copy
/// embedded in the domain for every working-day deadline. Kept, not overwritten, so the history of what
/// the deadlines were counted with stays on record.
/// </summary>
public sealed class BankHolidayFeed
{
    public const int SummaryMaxLength = 400;

    private BankHolidayFeed()
    {
        Json = ImportedById = ImportedByName = Summary = string.Empty;
    }

    public BankHolidayFeed(string json, DateTimeOffset importedAt, string importedById, string importedByName, string summary)
    {
        Json = json;
        ImportedAt = importedAt;
        ImportedById = importedById;
        ImportedByName = importedByName;
        Summary = summary;
    }

    public int Id { get; private set; }

    /// <summary>The document as imported, in the GOV.UK feed's shape.</summary>
    public string Json { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedById { get; private set; }

    public string ImportedByName { get; private set; }

    /// <summary>What it covers, e.g. "england-and-wales to 25 December 2030, ...".</summary>
    public string Summary { get; private set; }
}
