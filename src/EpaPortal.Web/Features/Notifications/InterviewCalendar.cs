using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// The iCalendar invitation for an interview (RFC 5545/5546, METHOD:REQUEST). The UID is the
/// interview's CalendarUid and the SEQUENCE its CalendarSequence, so a reschedule (higher SEQUENCE,
/// same UID) updates the event already in the recipient's calendar instead of adding a second one.
/// Times are in Europe/London with its VTIMEZONE, so they stay right across the clock changes.
/// </summary>
internal static class InterviewCalendar
{
    public const string TimeZoneId = "Europe/London";
    public const string FileName = "interview.ics";

    public static string Build(Interview interview, string apprentice, Uri link, string organizerEmail, string organizerName, string attendeeEmail, string attendeeName, DateTimeOffset now)
    {
        var localStart = DateTime.SpecifyKind(UkTime.ToUk(interview.StartsAt).DateTime, DateTimeKind.Unspecified);
        var calendar = new Calendar
        {
            Method = CalendarMethods.Request,
            ProductId = "-//EpaPortal//End-point assessment interviews//EN",
        };

        // The time-zone rules in force from before the interview (RFC 5545 needs only those). Ical.Net
        // reads the zone's transitions up to the machine's "now", so the start may not lie beyond it.
        var machineNow = DateTime.UtcNow;
        var earliest = localStart.AddDays(-1) < machineNow ? localStart.AddDays(-1) : machineNow;
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, earliest, includeHistoricalData: false));

        var calendarEvent = new CalendarEvent
        {
            Uid = interview.CalendarUid.ToString("D"),
            Sequence = interview.CalendarSequence,
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(localStart, TimeZoneId),
            Duration = Duration.FromMinutes(interview.DurationMinutes),
            Summary = "End-point assessment interview: " + apprentice,
            Location = interview.Location,
            Description = "Structured interview of the end-point assessment. Details: " + link.AbsoluteUri,
            Url = link,
            Status = EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizerEmail) { CommonName = organizerName },
        };
        calendarEvent.Attendees.Add(new Attendee("mailto:" + attendeeEmail)
        {
            CommonName = attendeeName,
            Role = ParticipationRole.RequiredParticipant,
            ParticipationStatus = EventParticipationStatus.NeedsAction,
            Rsvp = false,
        });
        calendar.Events.Add(calendarEvent);

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The interview invitation could not be written.");
    }
}
