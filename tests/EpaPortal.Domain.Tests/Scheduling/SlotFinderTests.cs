using EpaPortal.Domain.Common;
using EpaPortal.Domain.Scheduling;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>Issue 18, item 4: the free interview slots of an assessor, and why a chosen time is not free.</summary>
[Trait("Category", "Unit")]
public class SlotFinderTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly IReadOnlyCollection<DateOnly> EnglandAndWales = BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);
    private static readonly IReadOnlyCollection<DateOnly> Scotland = BankHolidayCalendar.UnitedKingdom.For(UkNation.Scotland);
    private static readonly DateTimeOffset Now = At(2026, 12, 14, 8, 0);

    private static readonly IReadOnlyList<WorkingHours> Mornings =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(12, 0)))];

    private static DateTimeOffset At(int y, int m, int d, int h, int min)
    {
        var local = new DateTime(y, m, d, h, min, 0);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    private static List<DateOnly> Days(IEnumerable<FreeSlot> slots) =>
        slots.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Starts, London).DateTime)).Distinct().ToList();

    [Fact]
    public void FreeSlots_AcrossChristmas_SkipTheBankHolidaysAndWeekends()
    {
        var slots = SlotFinder.FreeSlots(Mornings, [], [], 60, new DateOnly(2026, 12, 24), Now, London, EnglandAndWales, workingDays: 4);

        // Thursday 24th, then Christmas (Fri 25th), the weekend and Boxing Day's substitute (Mon 28th) are skipped.
        Assert.Equal([new(2026, 12, 24), new(2026, 12, 29), new(2026, 12, 30), new(2026, 12, 31)], Days(slots));
        Assert.Equal(
            ["09:00", "09:30", "10:00", "10:30", "11:00"],
            slots.Take(5).Select(s => TimeZoneInfo.ConvertTime(s.Starts, London).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FreeSlots_FollowTheApprenticesNation_ScotlandKeepsTheSecondOfJanuary()
    {
        var england = Days(SlotFinder.FreeSlots(Mornings, [], [], 60, new DateOnly(2027, 1, 4), Now, London, EnglandAndWales, workingDays: 1));
        var scotland = Days(SlotFinder.FreeSlots(Mornings, [], [], 60, new DateOnly(2027, 1, 4), Now, London, Scotland, workingDays: 1));

        Assert.Equal([new DateOnly(2027, 1, 4)], england);
        Assert.Equal([new DateOnly(2027, 1, 5)], scotland);
    }

    [Fact]
    public void FreeSlots_OnLeave_OfferNothingThatDay()
    {
        var leave = new LeaveRange(new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), "Holiday");

        var slots = SlotFinder.FreeSlots(Mornings, [leave], [], 60, new DateOnly(2026, 12, 24), Now, London, EnglandAndWales, workingDays: 4);

        Assert.Equal([new(2026, 12, 24), new(2026, 12, 31)], Days(slots));
    }

    [Fact]
    public void FreeSlots_ADayNotWorked_OffersNothing()
    {
        var hours = Mornings.Where(h => h.Day != DayOfWeek.Thursday).ToList();

        var slots = SlotFinder.FreeSlots(hours, [], [], 60, new DateOnly(2026, 12, 24), Now, London, EnglandAndWales, workingDays: 2);

        Assert.Equal([new DateOnly(2026, 12, 29)], Days(slots));
    }

    [Fact]
    public void FreeSlots_AroundAnotherInterview_OfferOnlyTimesThatDoNotOverlap()
    {
        var busy = new BusyTime(At(2026, 12, 24, 10, 0), At(2026, 12, 24, 11, 0), BusyOwner.Apprentice, "case 7");

        var slots = SlotFinder.FreeSlots(Mornings, [], [busy], 60, new DateOnly(2026, 12, 24), Now, London, EnglandAndWales, workingDays: 1);

        // 09:00-10:00 ends as the other starts; 11:00-12:00 starts as it ends.
        Assert.Equal([At(2026, 12, 24, 9, 0), At(2026, 12, 24, 11, 0)], slots.Select(s => s.Starts));
    }

    [Fact]
    public void FreeSlots_ALongerAdjustedInterview_FitsFewerSlots()
    {
        var slots = SlotFinder.FreeSlots(Mornings, [], [], 150, new DateOnly(2026, 12, 24), Now, London, EnglandAndWales, workingDays: 1);

        Assert.Equal([At(2026, 12, 24, 9, 0), At(2026, 12, 24, 9, 30)], slots.Select(s => s.Starts));
        Assert.All(slots, s => Assert.Equal(150, (s.Ends - s.Starts).TotalMinutes));
    }

    [Fact]
    public void FreeSlots_Today_StartOnlyAfterNow()
    {
        var slots = SlotFinder.FreeSlots(Mornings, [], [], 60, new DateOnly(2026, 12, 14), At(2026, 12, 14, 10, 15), London, EnglandAndWales, workingDays: 1);

        Assert.Equal([At(2026, 12, 14, 10, 30), At(2026, 12, 14, 11, 0)], slots.Select(s => s.Starts));
    }

    [Fact]
    public void CheckAvailability_WithinTheHours_HasNoBreach()
    {
        Assert.Empty(SlotFinder.CheckAvailability(Mornings, [], At(2026, 12, 24, 11, 0), 60, London));
    }

    [Theory]
    [InlineData(8, 30, "works from 09:00 to 12:00")]
    [InlineData(11, 30, "must start between 09:00 and 11:00")]
    public void CheckAvailability_OutsideTheHours_SaysWhen(int hour, int minute, string expected)
    {
        var breach = Assert.Single(SlotFinder.CheckAvailability(Mornings, [], At(2026, 12, 24, hour, minute), 60, London));

        Assert.Equal(TimingRule.AssessorAvailability, breach.Rule);
        Assert.Contains(expected, breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAvailability_OnLeave_IsABreach()
    {
        var leave = new LeaveRange(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 24), null);

        var breach = Assert.Single(SlotFinder.CheckAvailability(Mornings, [leave], At(2026, 12, 24, 10, 0), 60, London));

        Assert.Contains("on leave from Thursday 24 December 2026", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AvailabilityBreach_AnAdminWithAReason_MayOverride()
    {
        var breaches = SlotFinder.CheckAvailability(Mornings, [], At(2026, 12, 24, 13, 0), 60, London);

        Assert.NotEmpty(ScheduleRules.Problems(breaches, byAdmin: false, "Urgent"));
        Assert.Empty(ScheduleRules.Problems(breaches, byAdmin: true, "The assessor agreed by phone."));
        Assert.StartsWith("Assessor availability:", ScheduleRules.OverrideRecord(breaches, "The assessor agreed by phone."), StringComparison.Ordinal);
    }

    [Fact]
    public void Clashes_AnOverlap_NamesWhoseInterviewAndWhen()
    {
        var busy = new[]
        {
            new BusyTime(At(2026, 12, 24, 10, 0), At(2026, 12, 24, 11, 0), BusyOwner.Assessor, "case 3"),
            new BusyTime(At(2026, 12, 24, 11, 0), At(2026, 12, 24, 12, 0), BusyOwner.Apprentice, "case 4"),
        };

        var clashes = SlotFinder.Clashes(busy, At(2026, 12, 24, 10, 30), 60, London);

        Assert.Equal(2, clashes.Count);
        Assert.StartsWith("Clash: The assessor already has an interview on Thursday 24 December 2026 from 10:00 to 11:00 (case 3)", clashes[0], StringComparison.Ordinal);
        Assert.StartsWith("Clash: The apprentice already has an interview", clashes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Clashes_BackToBack_IsNoClash()
    {
        var busy = new BusyTime(At(2026, 12, 24, 10, 0), At(2026, 12, 24, 11, 0), BusyOwner.Assessor, "case 3");

        Assert.Empty(SlotFinder.Clashes([busy], At(2026, 12, 24, 11, 0), 60, London));
        Assert.Empty(SlotFinder.Clashes([busy], At(2026, 12, 24, 9, 0), 60, London));
    }

    [Fact]
    public void Diary_HoursThatEndBeforeTheyStart_AreRefusedAndNothingChanges()
    {
        var diary = new AssessorDiary("a1");

        var problems = diary.SetHours([new WorkingHours(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(9, 0))]);

        Assert.Single(problems);
        Assert.Equal(AssessorDiary.DefaultHours, diary.WeeklyHours);
    }

    [Fact]
    public void Diary_LeaveEndingBeforeItStarts_IsRefused()
    {
        var diary = new AssessorDiary("a1");

        Assert.Single(diary.AddLeave(new LeaveRange(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 23), null)));
        Assert.Empty(diary.AddLeave(new LeaveRange(new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 24), " Christmas ")));
        Assert.Equal("Christmas", Assert.Single(diary.Leave).Note);
        Assert.True(diary.RemoveLeave(new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 24)));
        Assert.Empty(diary.Leave);
    }
}
