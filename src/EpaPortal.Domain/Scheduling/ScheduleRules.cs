using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Scheduling;

/// <summary>The plan's timing rules a schedule can break (settings of the standard version).</summary>
public enum TimingRule
{
    ProjectNotice,
    ProjectStartsOnWorkingDay,
    ProjectWindowLength,
    InterviewNotice,
    InterviewOnWorkingDay,
    InterviewDuration,

    /// <summary>The interview lies within the allocated assessor's working hours and not in their leave.</summary>
    AssessorAvailability,
}

/// <summary>One broken timing rule: which rule, and a message that says what date or length would do.</summary>
public sealed record ScheduleBreach(TimingRule Rule, string Message);

/// <summary>
/// The plan's timing rules for the synoptic project window and the interview (domain.md section 11), read
/// from the standard version's settings and counted in working days of the apprentice's nation. Times are
/// compared on the portal's wall clock (the zone given), so a window that opens on Monday at 09:00
/// closes five working days later at 09:00 whatever the clocks did in between.
/// </summary>
public static class ScheduleRules
{
    /// <summary>The breaches of a project window opening at <paramref name="opens"/> and closing at
    /// <paramref name="closes"/>, scheduled at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ScheduleBreach> CheckProjectWindow(
        StandardSettings settings, DateTimeOffset opens, DateTimeOffset closes, DateTimeOffset now, TimeZoneInfo zone, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        var breaches = new List<ScheduleBreach>();
        var today = Day(now, zone);
        var opensLocal = TimeZoneInfo.ConvertTime(opens, zone).DateTime;
        var closesLocal = TimeZoneInfo.ConvertTime(closes, zone).DateTime;
        var openDay = DateOnly.FromDateTime(opensLocal);
        var earliest = EarliestDay(today, settings.ProjectNoticeWorkingDays, bankHolidays);
        var suggestion = openDay < earliest ? earliest : NextWorkingDayFrom(openDay, bankHolidays);

        if (openDay < earliest)
        {
            breaches.Add(new(TimingRule.ProjectNotice,
                $"Project notice: the apprentice needs {Days(settings.ProjectNoticeWorkingDays)} notice before the project window opens, so it can open on {Format(earliest)} at the earliest."));
        }
        else if (!WorkingDays.IsWorkingDay(openDay, bankHolidays))
        {
            breaches.Add(new(TimingRule.ProjectStartsOnWorkingDay,
                $"Project window start: the window must open on a working day ({Format(openDay)} is a weekend or a bank holiday); {Format(suggestion)} would do."));
        }

        // The window runs one working week from the (working) day it opens: the same time of day, N working days later.
        var startDay = WorkingDays.IsWorkingDay(openDay, bankHolidays) ? openDay : suggestion;
        var closeDay = WorkingDays.Add(startDay, settings.ProjectWindowWorkingDays, bankHolidays);
        var requiredClose = closeDay.ToDateTime(TimeOnly.FromDateTime(opensLocal));
        var latestClose = closeDay.ToDateTime(new TimeOnly(23, 59));
        if (closesLocal < requiredClose || closesLocal > latestClose)
        {
            breaches.Add(new(TimingRule.ProjectWindowLength,
                $"Project window length: the window lasts {settings.ProjectWindowWorkingDays} working days in a row, so opening on {Format(startDay)} at {opensLocal:HH:mm} it closes on {Format(closeDay)} at {opensLocal:HH:mm}."));
        }

        return breaches;
    }

    /// <summary>The breaches of an interview starting at <paramref name="startsAt"/> for
    /// <paramref name="durationMinutes"/> minutes, booked at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ScheduleBreach> CheckInterview(
        StandardSettings settings, DateTimeOffset startsAt, int durationMinutes, DateTimeOffset now, TimeZoneInfo zone, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        var breaches = new List<ScheduleBreach>();
        var today = Day(now, zone);
        var day = Day(startsAt, zone);
        var earliest = EarliestDay(today, settings.InterviewNoticeWorkingDays, bankHolidays);
        if (day < earliest)
        {
            breaches.Add(new(TimingRule.InterviewNotice,
                $"Interview notice: the apprentice needs {Days(settings.InterviewNoticeWorkingDays)} notice of the interview, so it can be on {Format(earliest)} at the earliest."));
        }
        else if (!WorkingDays.IsWorkingDay(day, bankHolidays))
        {
            breaches.Add(new(TimingRule.InterviewOnWorkingDay,
                $"Interview day: the interview must be on a working day ({Format(day)} is a weekend or a bank holiday); {Format(NextWorkingDayFrom(day, bankHolidays))} would do."));
        }

        if (durationMinutes < settings.MinInterviewMinutes || durationMinutes > settings.MaxInterviewMinutes)
        {
            breaches.Add(new(TimingRule.InterviewDuration,
                $"Interview duration: this standard's interview lasts between {settings.MinInterviewMinutes} and {settings.MaxInterviewMinutes} minutes; {settings.InterviewMinutes} minutes would do."));
        }

        return breaches;
    }

    public const string OverrideHint = "As an admin you may schedule against these rules only by giving the reason for the override.";

    /// <summary>
    /// What refuses the schedule: every breach, unless an admin overrides them with a reason (then nothing).
    /// Only an admin may override; anyone else's reason changes nothing.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ScheduleBreach> breaches, bool byAdmin, string? overrideReason)
    {
        if (breaches.Count == 0 || (byAdmin && !string.IsNullOrWhiteSpace(overrideReason)))
        {
            return [];
        }

        var problems = breaches.Select(b => b.Message).ToList();
        if (byAdmin)
        {
            problems.Add(OverrideHint);
        }

        return problems;
    }

    /// <summary>The override to record on the booking (the rules broken and the admin's reason), or null when
    /// the schedule keeps every rule.</summary>
    public static string? OverrideRecord(IReadOnlyList<ScheduleBreach> breaches, string? reason) =>
        breaches.Count == 0 ? null : $"{string.Join("; ", breaches.Select(b => Name(b.Rule)))}: {reason?.Trim()}";

    /// <summary>The rule's name, for messages, overrides and QA.</summary>
    public static string Name(TimingRule rule) => rule switch
    {
        TimingRule.ProjectNotice => "Project notice",
        TimingRule.ProjectStartsOnWorkingDay => "Project window start",
        TimingRule.ProjectWindowLength => "Project window length",
        TimingRule.InterviewNotice => "Interview notice",
        TimingRule.InterviewOnWorkingDay => "Interview day",
        TimingRule.AssessorAvailability => "Assessor availability",
        _ => "Interview duration",
    };

    /// <summary>The first day a schedule needing <paramref name="noticeWorkingDays"/> working days' notice can
    /// take, given today: notice of 0 means today.</summary>
    public static DateOnly EarliestDay(DateOnly today, int noticeWorkingDays, IReadOnlyCollection<DateOnly> bankHolidays) =>
        noticeWorkingDays <= 0 ? today : WorkingDays.Add(today, noticeWorkingDays, bankHolidays);

    private static DateOnly NextWorkingDayFrom(DateOnly day, IReadOnlyCollection<DateOnly> bankHolidays) =>
        WorkingDays.IsWorkingDay(day, bankHolidays) ? day : WorkingDays.Add(day, 1, bankHolidays);

    private static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static string Days(int count) => count == 1 ? "1 working day's" : $"{count} working days'";

    private static string Format(DateOnly day) => day.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
