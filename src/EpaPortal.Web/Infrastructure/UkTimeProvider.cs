namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// The system clock with UK local time: the domain's "today" (conflicts of interest, time on programme)
/// and end-of-day deadlines (appeals) are reckoned in Europe/London whatever the server's zone.
/// </summary>
public sealed class UkTimeProvider : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => UkTime.Zone;
}
