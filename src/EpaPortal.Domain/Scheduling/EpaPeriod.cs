using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Scheduling;

/// <summary>Where a case stands against its EPA deadline.</summary>
public enum EpaDeadlineStatus
{
    /// <summary>No gateway approval yet: the EPA period has not started.</summary>
    NotStarted,

    OnTrack,

    /// <summary>Few working days left (<see cref="EpaPeriod.AtRiskWorkingDays"/> or fewer) with steps outstanding.</summary>
    AtRisk,

    /// <summary>The deadline has passed without a result.</summary>
    Overdue,

    /// <summary>The result was released (on time or not).</summary>
    Finished,
}

/// <summary>A case's EPA deadline and how it stands today.</summary>
public sealed record EpaDeadline(DateOnly? Deadline, EpaDeadlineStatus Status, int? WorkingDaysLeft, int? GatewayToResultWorkingDays)
{
    public bool IsFlagged => Status is EpaDeadlineStatus.AtRisk or EpaDeadlineStatus.Overdue;

    public string Label => Status switch
    {
        EpaDeadlineStatus.AtRisk => $"At risk: {WorkingDaysLeft} working day{(WorkingDaysLeft == 1 ? string.Empty : "s")} left",
        EpaDeadlineStatus.Overdue => "Overdue",
        EpaDeadlineStatus.Finished => "Result released",
        EpaDeadlineStatus.OnTrack => "On track",
        _ => "Not started",
    };
}

/// <summary>
/// The EPA period (domain.md section 11): the assessment should finish (result released) within the
/// standard version's <see cref="StandardSettings.EpaPeriodMonths"/> of the gateway approval. The deadline
/// is that calendar date moved to the next working day of the apprentice's nation when it falls on a
/// weekend or bank holiday; a case is at risk when <see cref="AtRiskWorkingDays"/> or fewer working days
/// are left and overdue once the deadline has passed.
/// </summary>
public static class EpaPeriod
{
    public const int AtRiskWorkingDays = 10;

    public static DateOnly Deadline(DateOnly gatewayApprovedOn, StandardSettings settings, IReadOnlyCollection<DateOnly> bankHolidays) =>
        Deadline(gatewayApprovedOn, settings.EpaPeriodMonths, bankHolidays);

    public static DateOnly Deadline(DateOnly gatewayApprovedOn, int epaPeriodMonths, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        var day = gatewayApprovedOn.AddMonths(epaPeriodMonths);
        return WorkingDays.IsWorkingDay(day, bankHolidays) ? day : WorkingDays.Add(day, 1, bankHolidays);
    }

    public static EpaDeadline Assess(DateOnly? gatewayApprovedOn, DateOnly? resultReleasedOn, DateOnly today, StandardSettings settings, IReadOnlyCollection<DateOnly> bankHolidays) =>
        Assess(gatewayApprovedOn, resultReleasedOn, today, settings.EpaPeriodMonths, bankHolidays);

    public static EpaDeadline Assess(DateOnly? gatewayApprovedOn, DateOnly? resultReleasedOn, DateOnly today, int epaPeriodMonths, IReadOnlyCollection<DateOnly> bankHolidays)
    {
        if (gatewayApprovedOn is not { } approved)
        {
            return new EpaDeadline(null, EpaDeadlineStatus.NotStarted, null, null);
        }

        var deadline = Deadline(approved, epaPeriodMonths, bankHolidays);
        if (resultReleasedOn is { } released)
        {
            return new EpaDeadline(deadline, EpaDeadlineStatus.Finished, null, WorkingDays.Between(approved, released, bankHolidays));
        }

        if (today > deadline)
        {
            return new EpaDeadline(deadline, EpaDeadlineStatus.Overdue, 0, null);
        }

        var left = WorkingDays.Between(today, deadline, bankHolidays);
        return new EpaDeadline(deadline, left <= AtRiskWorkingDays ? EpaDeadlineStatus.AtRisk : EpaDeadlineStatus.OnTrack, left, null);
    }
}
