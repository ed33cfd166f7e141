namespace EpaPortal.Domain.Common;

/// <summary>
/// Working-day arithmetic for project windows and appeal deadlines: Monday to Friday, less any bank
/// holidays the caller supplies (those of the apprentice's nation, from <see cref="BankHolidayCalendar"/>).
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day, IReadOnlyCollection<DateOnly>? bankHolidays = null) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && (bankHolidays is null || !bankHolidays.Contains(day));

    /// <summary>
    /// The working day that is <paramref name="workingDays"/> working days after <paramref name="start"/>
    /// (the start day itself is not counted, so Friday + 1 is the next Monday).
    /// </summary>
    public static DateOnly Add(DateOnly start, int workingDays, IReadOnlyCollection<DateOnly>? bankHolidays = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        var remaining = workingDays;
        while (remaining > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day, bankHolidays))
            {
                remaining--;
            }
        }

        return day;
    }

    /// <summary>
    /// The same time of day, <paramref name="workingDays"/> working days later: a window that opens on
    /// Monday at 09:00 and lasts five working days closes on the next Monday at 09:00.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset start, int workingDays, IReadOnlyCollection<DateOnly>? bankHolidays = null)
    {
        var day = Add(DateOnly.FromDateTime(start.DateTime), workingDays, bankHolidays);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(start.TimeOfDay)), start.Offset);
    }

    /// <summary>How many working days lie after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int Between(DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly>? bankHolidays = null)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day, bankHolidays))
            {
                count++;
            }
        }

        return count;
    }
}
