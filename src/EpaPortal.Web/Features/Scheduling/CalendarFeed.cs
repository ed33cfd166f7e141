using EpaPortal.Web.Features.Notifications;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>
/// The assessor's calendar subscription (issue 18, item 4), written with Ical.Net: one VEVENT per interview
/// (the booking's own UID and SEQUENCE, so a move updates the same event in the assessor's calendar and a
/// withdrawn case's interview shows as cancelled) and per project window. It carries only times, the case
/// reference and the apprentice's name, never the place, the notes or the questions: a feed address can end
/// up in a shared calendar, so it holds nothing confidential.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Build(IEnumerable<FeedEntry> entries, PortalLinks links, DateTimeOffset now)
    {
        var calendar = new Calendar
        {
            Method = CalendarMethods.Publish,
            ProductId = "-//EpaPortal//Assessor calendar//EN",
        };
        calendar.AddProperty("X-WR-CALNAME", "End-point assessments");
        foreach (var entry in entries.OrderBy(e => e.Starts))
        {
            var link = links.Absolute($"/assessor/cases/{entry.CaseId}" + (entry.IsInterview ? "/interview" : "/project"));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                Sequence = entry.Sequence,
                DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
                DtStart = new CalDateTime(entry.Starts.UtcDateTime, CalDateTime.UtcTzId),
                DtEnd = new CalDateTime(entry.Ends.UtcDateTime, CalDateTime.UtcTzId),
                Summary = (entry.IsInterview ? "EPA interview: " : "EPA project window: ") + $"{entry.ApprenticeName} (case {entry.CaseId})",
                Description = "Details in the portal: " + link.AbsoluteUri,
                Url = link,
                Status = entry.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Transparency = entry.IsInterview ? TransparencyType.Opaque : TransparencyType.Transparent,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar feed could not be written.");
    }
}
