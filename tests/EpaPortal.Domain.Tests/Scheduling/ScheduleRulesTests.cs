using EpaPortal.Domain.Common;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>The plan's timing rules for the project window and the interview (ST0128 v1.0 defaults).</summary>
[Trait("Category", "Unit")]
public class ScheduleRulesTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly StandardSettings Settings = new();
    private static readonly IReadOnlySet<DateOnly> EnglandAndWales = BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);
    private static readonly IReadOnlySet<DateOnly> Scotland = BankHolidayCalendar.UnitedKingdom.For(UkNation.Scotland);

    /// <summary>Wednesday 3 March 2027, 10:00 UK time.</summary>
    private static readonly DateTimeOffset Now = At(2027, 3, 3, 10, 0);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    [Fact]
    public void Defaults_AreTheSt0128Version1Plan()
    {
        Assert.Equal((5, 5, 5, 45, 60, 120, 3, 20),
            (Settings.ProjectWindowWorkingDays, Settings.ProjectNoticeWorkingDays, Settings.InterviewNoticeWorkingDays, Settings.MinInterviewMinutes,
             Settings.InterviewMinutes, Settings.MaxInterviewMinutes, Settings.EpaPeriodMonths, Settings.AppealWindowWorkingDays));
    }

    [Fact]
    public void ProjectWindow_OfOneWorkingWeekWithNotice_IsAccepted()
    {
        Assert.Empty(ScheduleRules.CheckProjectWindow(Settings, At(2027, 3, 15, 9, 0), At(2027, 3, 22, 9, 0), Now, London, EnglandAndWales));
    }

    [Fact]
    public void ProjectWindow_OfFiveMinutesOnASundayNight_IsRefusedNamingEachRuleAndADateThatWouldDo()
    {
        var breaches = ScheduleRules.CheckProjectWindow(Settings, At(2027, 3, 14, 23, 21), At(2027, 3, 14, 23, 26), Now, London, EnglandAndWales);

        Assert.Equal([TimingRule.ProjectStartsOnWorkingDay, TimingRule.ProjectWindowLength], breaches.Select(b => b.Rule));
        Assert.Contains("Monday 15 March 2027 would do", breaches[0].Message);
        Assert.Contains("it closes on Monday 22 March 2027 at 23:21", breaches[1].Message);
    }

    [Fact]
    public void ProjectWindow_OpeningWithoutNotice_IsRefusedWithTheEarliestDay()
    {
        var breach = Assert.Single(ScheduleRules.CheckProjectWindow(Settings, At(2027, 3, 4, 9, 0), At(2027, 3, 11, 9, 0), Now, London, EnglandAndWales));

        Assert.Equal(TimingRule.ProjectNotice, breach.Rule);
        Assert.Equal("Project notice: the apprentice needs 5 working days' notice before the project window opens, so it can open on Wednesday 10 March 2027 at the earliest.", breach.Message);
    }

    [Fact]
    public void ProjectWindow_LongerThanOneWorkingWeek_IsRefused()
    {
        var breach = Assert.Single(ScheduleRules.CheckProjectWindow(Settings, At(2027, 3, 15, 9, 0), At(2027, 3, 29, 9, 0), Now, London, EnglandAndWales));

        Assert.Equal(TimingRule.ProjectWindowLength, breach.Rule);
    }

    [Theory]
    [InlineData(UkNation.EnglandAndWales, 2027, 1, 4)]   // 24, 29, 30, 31 Dec and 4 Jan (Christmas Fri 25, Boxing Day substitute Mon 28, New Year Fri 1 Jan)
    [InlineData(UkNation.Scotland, 2027, 1, 5)]          // Scotland also keeps 2 January (a Saturday: substitute Mon 4 Jan)
    [InlineData(UkNation.NorthernIreland, 2027, 1, 4)]
    public void ProjectWindow_SpanningChristmas_SkipsTheNationsBankHolidays(UkNation nation, int year, int month, int day)
    {
        var holidays = BankHolidayCalendar.UnitedKingdom.For(nation);
        var opens = At(2026, 12, 23, 9, 0);
        var closes = new DateTimeOffset(new DateTime(year, month, day, 9, 0, 0), TimeSpan.Zero);
        var now = At(2026, 12, 1, 9, 0);

        Assert.Empty(ScheduleRules.CheckProjectWindow(Settings, opens, closes, now, London, holidays));
        Assert.Contains(ScheduleRules.CheckProjectWindow(Settings, opens, closes.AddDays(-1), now, London, holidays), b => b.Rule == TimingRule.ProjectWindowLength);
    }

    [Fact]
    public void ProjectWindow_OpeningOnAScottishOnlyBankHoliday_IsRefusedForScotlandOnly()
    {
        // St Andrew's Day, Monday 30 November 2026 (a bank holiday in Scotland only).
        var opens = At(2026, 11, 30, 9, 0);
        var now = At(2026, 11, 2, 9, 0);

        Assert.Empty(ScheduleRules.CheckProjectWindow(Settings, opens, At(2026, 12, 7, 9, 0), now, London, EnglandAndWales));
        Assert.Equal(TimingRule.ProjectStartsOnWorkingDay, ScheduleRules.CheckProjectWindow(Settings, opens, At(2026, 12, 8, 9, 0), now, London, Scotland)[0].Rule);
    }

    [Fact]
    public void Interview_BookedThreeMinutesAhead_IsRefusedWithTheEarliestDay()
    {
        var breach = Assert.Single(ScheduleRules.CheckInterview(Settings, Now.AddMinutes(3), 60, Now, London, EnglandAndWales));

        Assert.Equal(TimingRule.InterviewNotice, breach.Rule);
        Assert.Contains("Wednesday 10 March 2027 at the earliest", breach.Message);
    }

    [Fact]
    public void Interview_OnEasterMonday_IsRefusedAsNotAWorkingDay()
    {
        var breach = Assert.Single(ScheduleRules.CheckInterview(Settings, At(2027, 3, 29, 10, 0), 60, Now, London, EnglandAndWales));

        Assert.Equal(TimingRule.InterviewOnWorkingDay, breach.Rule);
        Assert.Contains("Tuesday 30 March 2027 would do", breach.Message);
    }

    [Theory]
    [InlineData(44, true)]
    [InlineData(45, false)]
    [InlineData(120, false)]
    [InlineData(121, true)]
    public void Interview_Duration_MustLieInTheStandardsRange(int minutes, bool refused)
    {
        var breaches = ScheduleRules.CheckInterview(Settings, At(2027, 3, 17, 10, 0), minutes, Now, London, EnglandAndWales);

        Assert.Equal(refused, breaches.Any(b => b.Rule == TimingRule.InterviewDuration));
    }

    [Fact]
    public void Notice_IsAStandardVersionSetting()
    {
        var settings = new StandardSettings { InterviewNoticeWorkingDays = 0 };

        Assert.Empty(ScheduleRules.CheckInterview(settings, Now.AddHours(2), 60, Now, London, EnglandAndWales));
    }
}
