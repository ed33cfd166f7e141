namespace EpaPortal.Web.Features.Assessor;

/// <summary>Dates and times typed in UK local time (the portal's zone) to and from stored instants.</summary>
public static class LocalTimes
{
    /// <summary>The instant a UK wall-clock date and time stands for (with its summer/winter offset).</summary>
    public static DateTimeOffset FromLocal(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static (DateOnly Day, TimeOnly Time) ToLocal(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
