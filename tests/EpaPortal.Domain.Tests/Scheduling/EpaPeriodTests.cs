using EpaPortal.Domain.Common;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>The EPA period from gateway approval to result, and the at-risk and overdue flags.</summary>
[Trait("Category", "Unit")]
public class EpaPeriodTests
{
    private static readonly StandardSettings Settings = new();
    private static readonly IReadOnlySet<DateOnly> EnglandAndWales = BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);

    [Fact]
    public void Deadline_IsThreeMonthsAfterGatewayApproval()
    {
        Assert.Equal(new DateOnly(2027, 6, 3), EpaPeriod.Deadline(new DateOnly(2027, 3, 3), Settings, EnglandAndWales));
    }

    [Fact]
    public void Deadline_InALeapYear_IsTheTwentyNinthOfFebruary()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), EpaPeriod.Deadline(new DateOnly(2027, 11, 29), Settings, EnglandAndWales));
    }

    [Fact]
    public void Deadline_FallingOnABankHoliday_MovesToTheNextWorkingDay()
    {
        // 25 September 2026 + 3 months = Christmas Day 2026 (Friday); 28 December is the Boxing Day substitute.
        Assert.Equal(new DateOnly(2026, 12, 29), EpaPeriod.Deadline(new DateOnly(2026, 9, 25), Settings, EnglandAndWales));
    }

    [Theory]
    [InlineData(2027, 5, 1, EpaDeadlineStatus.OnTrack)]
    [InlineData(2027, 5, 20, EpaDeadlineStatus.AtRisk)]
    [InlineData(2027, 6, 3, EpaDeadlineStatus.AtRisk)]
    [InlineData(2027, 6, 4, EpaDeadlineStatus.Overdue)]
    public void Assess_FlagsAtRiskAndOverdue(int year, int month, int day, EpaDeadlineStatus expected)
    {
        var status = EpaPeriod.Assess(new DateOnly(2027, 3, 3), null, new DateOnly(year, month, day), Settings, EnglandAndWales);

        Assert.Equal(expected, status.Status);
    }

    [Fact]
    public void Assess_AtRisk_CountsWorkingDaysLeftSkippingTheSpringBankHoliday()
    {
        // 20 May to 3 June 2027: 10 weekdays less the spring bank holiday (31 May) = 9 working days.
        Assert.Equal(9, EpaPeriod.Assess(new DateOnly(2027, 3, 3), null, new DateOnly(2027, 5, 20), Settings, EnglandAndWales).WorkingDaysLeft);
    }

    [Fact]
    public void Assess_AfterTheResult_RecordsGatewayToResultWorkingDays()
    {
        var status = EpaPeriod.Assess(new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 8), new DateOnly(2027, 7, 1), Settings, EnglandAndWales);

        Assert.Equal((EpaDeadlineStatus.Finished, 5), (status.Status, status.GatewayToResultWorkingDays));
    }

    [Fact]
    public void Assess_BeforeTheGateway_IsNotStarted()
    {
        Assert.Equal(EpaDeadlineStatus.NotStarted, EpaPeriod.Assess(null, null, new DateOnly(2027, 1, 1), Settings, EnglandAndWales).Status);
    }
}
