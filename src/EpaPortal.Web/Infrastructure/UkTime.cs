namespace EpaPortal.Web.Infrastructure;

/// <summary>UK display formats. Times are stored in UTC and shown in UK local time.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToUk(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    /// <summary>e.g. "3 March 2027".</summary>
    public static string Date(DateOnly value) => value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>e.g. "3 March 2027".</summary>
    public static string Date(DateTimeOffset value) => ToUk(value).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>e.g. "3 March 2027, 14:30".</summary>
    public static string DateTime(DateTimeOffset value) => ToUk(value).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
