using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Scheduling;

/// <summary>The hours an assessor works on one day of the week (wall-clock times in the portal's zone).</summary>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Starts, TimeOnly Ends);

/// <summary>Days an assessor is away (leave, a day off), both days included.</summary>
public sealed record LeaveRange(DateOnly FirstDay, DateOnly LastDay, string? Note)
{
    public bool Covers(DateOnly day) => day >= FirstDay && day <= LastDay;
}

/// <summary>
/// An assessor's availability (issue 18, item 4): the recurring weekly working hours and the leave, and the
/// hash of their personal calendar feed's secret. An assessor who has not set their hours works
/// <see cref="DefaultHours"/>.
/// </summary>
public class AssessorDiary : IVersioned
{
    public const int MaxLeaveRanges = 100;

    private AssessorDiary()
    {
        AssessorId = string.Empty;
    }

    public AssessorDiary(string assessorId)
    {
        AssessorId = assessorId;
        WeeklyHours = DefaultHours.ToList();
    }

    /// <summary>Monday to Friday, 09:00 to 17:00.</summary>
    public static IReadOnlyList<WorkingHours> DefaultHours { get; } =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];

    public string AssessorId { get; private set; }

    /// <summary>At most one entry per day of the week; a day without one is not worked.</summary>
    public List<WorkingHours> WeeklyHours { get; private set; } = [];

    public List<LeaveRange> Leave { get; private set; } = [];

    /// <summary>The SHA-256 of the calendar feed's secret (hex), or null before the assessor creates one.</summary>
    public string? FeedTokenHash { get; private set; }

    public DateTimeOffset? FeedCreatedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>Replaces the weekly hours; returns the problems (nothing changes when there are any).</summary>
    public IReadOnlyList<string> SetHours(IEnumerable<WorkingHours> hours)
    {
        var list = hours.OrderBy(h => ((int)h.Day + 6) % 7).ToList();
        var problems = list.Where(h => h.Ends <= h.Starts)
            .Select(h => $"{h.Day}: the working day must end after it starts ({h.Starts:HH\\:mm} to {h.Ends:HH\\:mm}).").ToList();
        if (list.GroupBy(h => h.Day).Any(g => g.Count() > 1))
        {
            problems.Add("Give one set of hours per day of the week.");
        }

        if (problems.Count == 0)
        {
            WeeklyHours = list;
        }

        return problems;
    }

    /// <summary>Adds leave or a day off; returns the problems (nothing changes when there are any).</summary>
    public IReadOnlyList<string> AddLeave(LeaveRange leave)
    {
        if (leave.LastDay < leave.FirstDay)
        {
            return ["The last day of leave must be on or after its first day."];
        }

        if (leave.LastDay.DayNumber - leave.FirstDay.DayNumber > 366)
        {
            return ["Leave can be at most a year at a time: add longer absences in parts."];
        }

        if (Leave.Count >= MaxLeaveRanges)
        {
            return [$"You can keep at most {MaxLeaveRanges} periods of leave: remove some that have passed first."];
        }

        Leave = [.. Leave.Append(leave with { Note = string.IsNullOrWhiteSpace(leave.Note) ? null : leave.Note.Trim() }).OrderBy(l => l.FirstDay)];
        return [];
    }

    /// <summary>Removes the leave starting and ending on those days (false when there is none).</summary>
    public bool RemoveLeave(DateOnly firstDay, DateOnly lastDay)
    {
        var index = Leave.FindIndex(l => l.FirstDay == firstDay && l.LastDay == lastDay);
        if (index < 0)
        {
            return false;
        }

        Leave = [.. Leave.Where((_, i) => i != index)];
        return true;
    }

    /// <summary>Replaces the calendar feed's secret (revoking the old one): store only its hash.</summary>
    public void IssueFeedToken(string tokenHash, DateTimeOffset at)
    {
        FeedTokenHash = tokenHash;
        FeedCreatedAt = at;
    }

    public void RevokeFeed()
    {
        FeedTokenHash = null;
        FeedCreatedAt = null;
    }
}
