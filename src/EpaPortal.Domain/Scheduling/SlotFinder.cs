using System.Globalization;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Scheduling;

/// <summary>Whose diary a busy time belongs to, for the clash message.</summary>
public enum BusyOwner
{
    Assessor,
    Apprentice,
}

/// <summary>A time already taken by another interview: the assessor's or the apprentice's.</summary>
public sealed record BusyTime(DateTimeOffset Starts, DateTimeOffset Ends, BusyOwner Owner, string Label)
{
    public bool Overlaps(DateTimeOffset starts, DateTimeOffset ends) => Starts < ends && starts < Ends;
}

/// <summary>A free interview slot of the allocated assessor.</summary>
public sealed record FreeSlot(DateTimeOffset Starts, DateTimeOffset Ends);

/// <summary>
/// Finds the interview slots an assessor can offer (issue 18, item 4), as a pure function of their weekly
/// hours, their leave, the interviews already booked (theirs and the apprentice's), the plan's notice and the
/// interview's length, counted on the working days of the apprentice's nation. It also says why a chosen time
/// is not free: outside the assessor's availability (a rule an admin may override with a reason) or a clash
/// with another interview (never overridable: nobody can be in two interviews at once).
/// </summary>
public static class SlotFinder
{
    /// <summary>Slots start on the hour and the half hour.</summary>
    public const int StepMinutes = 30;

    /// <summary>How many working days (from the first the notice allows) the booking form offers.</summary>
    public const int HorizonWorkingDays = 10;

    public static IReadOnlyList<FreeSlot> FreeSlots(
        IReadOnlyList<WorkingHours> hours,
        IReadOnlyList<LeaveRange> leave,
        IReadOnlyList<BusyTime> busy,
        int durationMinutes,
        DateOnly earliestDay,
        DateTimeOffset now,
        TimeZoneInfo zone,
        IReadOnlyCollection<DateOnly> bankHolidays,
        int workingDays = HorizonWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationMinutes);
        var slots = new List<FreeSlot>();
        var day = WorkingDays.IsWorkingDay(earliestDay, bankHolidays) ? earliestDay : WorkingDays.Add(earliestDay, 1, bankHolidays);
        for (var counted = 0; counted < workingDays; counted++, day = WorkingDays.Add(day, 1, bankHolidays))
        {
            if (leave.Any(l => l.Covers(day)) || hours.FirstOrDefault(h => h.Day == day.DayOfWeek) is not { } worked)
            {
                continue;
            }

            for (var start = worked.Starts; ; start = start.AddMinutes(StepMinutes))
            {
                var startMinute = start.Hour * 60 + start.Minute;
                var endMinute = startMinute + durationMinutes;
                if (endMinute > worked.Ends.Hour * 60 + worked.Ends.Minute || startMinute < worked.Starts.Hour * 60 + worked.Starts.Minute)
                {
                    break;
                }

                var local = day.ToDateTime(start);
                if (zone.IsInvalidTime(local))
                {
                    continue;
                }

                var starts = new DateTimeOffset(local, zone.GetUtcOffset(local));
                var ends = starts.AddMinutes(durationMinutes);
                if (starts > now && !busy.Any(b => b.Overlaps(starts, ends)))
                {
                    slots.Add(new FreeSlot(starts, ends));
                }
            }
        }

        return slots;
    }

    /// <summary>The availability rule: the interview lies within the assessor's hours on a day they work and
    /// are not on leave. An admin may override it with a reason, like the plan's timing rules.</summary>
    public static IReadOnlyList<ScheduleBreach> CheckAvailability(
        IReadOnlyList<WorkingHours> hours, IReadOnlyList<LeaveRange> leave, DateTimeOffset startsAt, int durationMinutes, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(startsAt, zone).DateTime;
        var endLocal = TimeZoneInfo.ConvertTime(startsAt.AddMinutes(durationMinutes), zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        if (leave.FirstOrDefault(l => l.Covers(day)) is { } away)
        {
            return [new ScheduleBreach(TimingRule.AssessorAvailability,
                $"Assessor availability: the assessor is on leave from {Format(away.FirstDay)} to {Format(away.LastDay)}; choose one of the free slots offered.")];
        }

        if (hours.FirstOrDefault(h => h.Day == day.DayOfWeek) is not { } worked)
        {
            return [new ScheduleBreach(TimingRule.AssessorAvailability,
                $"Assessor availability: the assessor does not work on {day.DayOfWeek}s; choose one of the free slots offered.")];
        }

        if (TimeOnly.FromDateTime(local) < worked.Starts || DateOnly.FromDateTime(endLocal) != day || TimeOnly.FromDateTime(endLocal) > worked.Ends)
        {
            return [new ScheduleBreach(TimingRule.AssessorAvailability,
                $"Assessor availability: on {day.DayOfWeek}s the assessor works from {worked.Starts:HH\\:mm} to {worked.Ends:HH\\:mm}, so a {durationMinutes}-minute interview must start between {worked.Starts:HH\\:mm} and {worked.Ends.AddMinutes(-durationMinutes):HH\\:mm}.")];
        }

        return [];
    }

    /// <summary>The other interviews the booking would overlap (the assessor's or the apprentice's): a clash
    /// is refused whoever books, and no override reason changes that.</summary>
    public static IReadOnlyList<string> Clashes(IReadOnlyList<BusyTime> busy, DateTimeOffset startsAt, int durationMinutes, TimeZoneInfo zone)
    {
        var ends = startsAt.AddMinutes(durationMinutes);
        return busy.Where(b => b.Overlaps(startsAt, ends))
            .OrderBy(b => b.Starts)
            .Select(b =>
            {
                var from = TimeZoneInfo.ConvertTime(b.Starts, zone);
                var to = TimeZoneInfo.ConvertTime(b.Ends, zone);
                var who = b.Owner == BusyOwner.Assessor ? "The assessor" : "The apprentice";
                return $"Clash: {who} already has an interview on {Format(DateOnly.FromDateTime(from.DateTime))} from {from:HH\\:mm} to {to:HH\\:mm} ({b.Label}). A clash cannot be overridden: choose a free slot.";
            })
            .ToList();
    }

    private static string Format(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>An assessor's weekly hours and leave, as the booking rules read them.</summary>
public sealed record Availability(IReadOnlyList<WorkingHours> Hours, IReadOnlyList<LeaveRange> Leave)
{
    public static Availability Of(AssessorDiary? diary) =>
        diary is null ? new Availability(AssessorDiary.DefaultHours, []) : new Availability(diary.WeeklyHours, diary.Leave);
}

/// <summary>Every rule an interview booking keeps, in one place for the workflow and for moving a booking.</summary>
public static class InterviewBooking
{
    /// <summary>The broken rules an admin may override with a reason: the plan's timing rules (with the
    /// case's adjusted settings) and, when known, the assessor's availability.</summary>
    public static IReadOnlyList<ScheduleBreach> Breaches(
        Standards.StandardSettings settings, DateTimeOffset startsAt, int durationMinutes, DateTimeOffset now, TimeZoneInfo zone,
        IReadOnlyCollection<DateOnly> bankHolidays, Availability? availability)
    {
        var breaches = ScheduleRules.CheckInterview(settings, startsAt, durationMinutes, now, zone, bankHolidays).ToList();
        if (availability is not null)
        {
            breaches.AddRange(SlotFinder.CheckAvailability(availability.Hours, availability.Leave, startsAt, durationMinutes, zone));
        }

        return breaches;
    }
}
