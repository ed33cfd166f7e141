using EpaPortal.Domain.Scheduling;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>The domain's EPA deadline (<see cref="EpaPeriod"/>) from stored moments, on the UK calendar.</summary>
public static class EpaDeadlines
{
    public static EpaDeadline Assess(DateTimeOffset? gatewayApprovedAt, DateTimeOffset? resultReleasedAt, int epaPeriodMonths, IReadOnlyCollection<DateOnly> bankHolidays, TimeProvider clock) =>
        EpaPeriod.Assess(Day(gatewayApprovedAt, clock), Day(resultReleasedAt, clock), Day(clock.GetUtcNow(), clock)!.Value, epaPeriodMonths, bankHolidays);

    private static DateOnly? Day(DateTimeOffset? at, TimeProvider clock) =>
        at is { } moment ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, clock.LocalTimeZone).DateTime) : null;
}
