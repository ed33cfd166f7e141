using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace EpaPortal.Domain.Common;

/// <summary>The three bank-holiday calendars of the United Kingdom (domain.md section 11).</summary>
public enum UkNation
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// <summary>One bank holiday: the day off, its name, and whether it stands in for one on a weekend.</summary>
public sealed record BankHoliday(DateOnly Date, string Title, bool IsSubstitute);

/// <summary>
/// The bank holidays of each UK nation, read from a document in the shape of the public GOV.UK feed
/// (https://www.gov.uk/bank-holidays.json: one division per nation, each with its events). The portal's
/// copy, <c>Common/bank-holidays.json</c>, is embedded in this assembly (<see cref="UnitedKingdom"/>);
/// working days (<see cref="WorkingDays"/>) skip the days <see cref="For"/> gives.
/// </summary>
public sealed class BankHolidayCalendar
{
    /// <summary>The divisions of the GOV.UK feed, by nation.</summary>
    public static readonly IReadOnlyDictionary<string, UkNation> Divisions = new Dictionary<string, UkNation>(StringComparer.Ordinal)
    {
        ["england-and-wales"] = UkNation.EnglandAndWales,
        ["scotland"] = UkNation.Scotland,
        ["northern-ireland"] = UkNation.NorthernIreland,
    };

    private const string ResourceName = "EpaPortal.Domain.bank-holidays.json";

    private static readonly Lazy<BankHolidayCalendar> Embedded = new(LoadEmbedded);

    private readonly Dictionary<UkNation, IReadOnlyList<BankHoliday>> _events;
    private readonly Dictionary<UkNation, FrozenSet<DateOnly>> _days;

    private BankHolidayCalendar(Dictionary<UkNation, IReadOnlyList<BankHoliday>> events)
    {
        _events = events;
        _days = events.ToDictionary(e => e.Key, e => e.Value.Select(h => h.Date).ToFrozenSet());
    }

    /// <summary>The portal's own calendar (the embedded copy of the GOV.UK feed).</summary>
    public static BankHolidayCalendar UnitedKingdom => Embedded.Value;

    /// <summary>Reads a document in the GOV.UK feed's shape; every nation must be present.</summary>
    /// <exception cref="FormatException">The document is not in that shape.</exception>
    public static BankHolidayCalendar FromGovUkFeed(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The bank holidays are not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The bank holidays must be an object with one division per nation, as in the GOV.UK feed.");
            }

            var events = new Dictionary<UkNation, IReadOnlyList<BankHoliday>>();
            foreach (var (division, nation) in Divisions)
            {
                if (!document.RootElement.TryGetProperty(division, out var element)
                    || element.ValueKind != JsonValueKind.Object
                    || !element.TryGetProperty("events", out var list)
                    || list.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"The bank holidays have no list of events for the division '{division}'.");
                }

                events[nation] = list.EnumerateArray().Select(e => Read(division, e)).OrderBy(h => h.Date).ToList();
            }

            return new BankHolidayCalendar(events);
        }
    }

    /// <summary>The bank holidays of <paramref name="nation"/>, for working-day arithmetic.</summary>
    public IReadOnlySet<DateOnly> For(UkNation nation) => _days[nation];

    /// <summary>The bank holidays of <paramref name="nation"/> with their names, in date order.</summary>
    public IReadOnlyList<BankHoliday> Events(UkNation nation) => _events[nation];

    /// <summary>The last day the calendar of <paramref name="nation"/> knows about (null when it is empty).</summary>
    public DateOnly? LastDay(UkNation nation) => _events[nation].Count == 0 ? null : _events[nation][^1].Date;

    private static BankHoliday Read(string division, JsonElement element)
    {
        var title = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var text = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (string.IsNullOrWhiteSpace(title) || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"A bank holiday of '{division}' needs a title and a date written yyyy-MM-dd: {element.GetRawText()}");
        }

        var notes = element.TryGetProperty("notes", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new BankHoliday(date, title, string.Equals(notes?.Trim(), "Substitute day", StringComparison.OrdinalIgnoreCase));
    }

    private static BankHolidayCalendar LoadEmbedded()
    {
        using var stream = typeof(BankHolidayCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded bank holidays ({ResourceName}) are missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return FromGovUkFeed(reader.ReadToEnd());
    }
}
