using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EpaPortal.Web.Infrastructure.DateInput;

/// <summary>
/// A date as typed into the three fields of the GOV.UK date input (Day, Month, Year, posted as
/// <c>&lt;name&gt;.Day</c>, <c>&lt;name&gt;.Month</c>, <c>&lt;name&gt;.Year</c>): what the user typed, kept as text so it
/// comes back exactly on redisplay, and the one rule that turns it into a date or a GOV.UK message.
/// </summary>
/// <remarks>
/// The binder stores an instance as the ModelState entry's raw value, with <see cref="Error"/> set when the
/// parts were not a date; the date input tag helper shows the parts from it, and the error summary shows only
/// that message for the field (a validator's "enter the date" after it would say the same thing twice).
/// </remarks>
public sealed record DateParts(string? Day, string? Month, string? Year)
{
    public const string DaySuffix = ".Day";
    public const string MonthSuffix = ".Month";
    public const string YearSuffix = ".Year";

    /// <summary>The message when these parts were not a date (set by <see cref="Parse"/>'s callers).</summary>
    public string? Error { get; init; }

    /// <summary>All three parts blank.</summary>
    public bool IsEmpty => IsBlank(Day) && IsBlank(Month) && IsBlank(Year);

    /// <summary>The parts as one value for ModelState's attempted value, e.g. <c>31/2/2026</c>.</summary>
    public string AttemptedValue => $"{Day}/{Month}/{Year}";

    /// <summary>The parts of a saved date, as the fields show it (no leading zeros, a 4-digit year).</summary>
    public static DateParts From(DateOnly date) =>
        new(date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString("0000", CultureInfo.InvariantCulture));

    /// <summary>The three parts of <paramref name="name"/> from the form or query, or null when none of them was sent.</summary>
    public static DateParts? Read(IValueProvider values, string name)
    {
        var day = values.GetValue(name + DaySuffix);
        var month = values.GetValue(name + MonthSuffix);
        var year = values.GetValue(name + YearSuffix);
        if (day == ValueProviderResult.None && month == ValueProviderResult.None && year == ValueProviderResult.None)
        {
            return null;
        }

        return new(day.FirstValue, month.FirstValue, year.FirstValue);
    }

    /// <summary>The three parts of <paramref name="name"/> from a form read by hand (a streamed upload), or null when none was sent.</summary>
    public static DateParts? Read(IReadOnlyDictionary<string, string> fields, string name)
    {
        var found = fields.TryGetValue(name + DaySuffix, out var day) | fields.TryGetValue(name + MonthSuffix, out var month) | fields.TryGetValue(name + YearSuffix, out var year);
        return found ? new(day, month, year) : null;
    }

    /// <summary>
    /// The date of <paramref name="name"/> in a form read by hand (a streamed upload): from its three parts when
    /// they were sent (<paramref name="parts"/> keeps them, with the message when they are not a date), otherwise
    /// from an ISO value (yyyy-MM-dd) of <paramref name="name"/> itself, as the binder falls back.
    /// </summary>
    public static DateOnly? FromFields(IReadOnlyDictionary<string, string> fields, string name, string displayName, out DateParts? parts)
    {
        var iso = fields.TryGetValue(name, out var text) ? text?.Trim() : null;
        parts = Read(fields, name);
        if (parts is null || (parts.IsEmpty && !string.IsNullOrEmpty(iso)))
        {
            parts = null;
            return DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        }

        var date = parts.Parse(displayName, required: false, out var error);
        parts = parts with { Error = error };
        return date;
    }

    /// <summary>
    /// Whether a date typed as day, month and year was not a date. A form whose validator only checks what was
    /// bound asks this too: an optional date that was not a date binds as no date, and must not be saved as none.
    /// </summary>
    public static bool AnyRefused(ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.Values.Any(entry => entry.RawValue is DateParts { Error: not null });
    }

    /// <summary>Keeps what was typed for the redisplay, and the message first (before a validator's) when it is not a date.</summary>
    public void Record(ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        modelState.SetModelValue(key, this, AttemptedValue);
        if (Error is not null)
        {
            modelState.AddModelError(key, Error);
        }
        else
        {
            // A form read by hand is not validated by MVC: a date that was a date leaves the form valid.
            modelState.MarkFieldValid(key);
        }
    }

    /// <summary>
    /// The date the parts make, or null with <paramref name="error"/> set to the GOV.UK message (worded with
    /// <paramref name="displayName"/>); null without an error when all three are blank and the date is optional.
    /// </summary>
    public DateOnly? Parse(string displayName, bool required, out string? error)
    {
        error = null;
        var day = Day?.Trim() ?? string.Empty;
        var month = Month?.Trim() ?? string.Empty;
        var year = Year?.Trim() ?? string.Empty;
        var name = UpperFirst(displayName);
        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            if (required)
            {
                error = $"Enter {LowerFirst(displayName)}";
            }

            return null;
        }

        var missing = new List<string>(3);
        if (day.Length == 0)
        {
            missing.Add("day");
        }

        if (month.Length == 0)
        {
            missing.Add("month");
        }

        if (year.Length == 0)
        {
            missing.Add("year");
        }

        if (missing.Count > 0)
        {
            error = $"{name} must include a {string.Join(" and ", missing)}";
            return null;
        }

        if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year) || day.Length > 2 || month.Length > 2)
        {
            error = $"{name} must be a real date";
            return null;
        }

        if (year.Length != 4)
        {
            error = $"{name} must include a year with 4 numbers";
            return null;
        }

        var d = int.Parse(day, NumberStyles.None, CultureInfo.InvariantCulture);
        var m = int.Parse(month, NumberStyles.None, CultureInfo.InvariantCulture);
        var y = int.Parse(year, NumberStyles.None, CultureInfo.InvariantCulture);
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            error = $"{name} must be a real date";
            return null;
        }

        return new DateOnly(y, m, d);
    }

    /// <summary>"StartDate" becomes "Start date": the wording of a property without a display name.</summary>
    public static string Humanize(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return text.ToString();
    }

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    private static bool AllDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // "Date of birth" -> "date of birth", but an abbreviation such as "ULN" or "EPA start" keeps its capitals.
    private static string LowerFirst(string text) =>
        text.Length < 2 || char.IsUpper(text[1]) ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
