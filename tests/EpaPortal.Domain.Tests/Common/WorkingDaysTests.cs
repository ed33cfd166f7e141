using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Tests.Common;

/// <summary>Working days (Monday–Friday less bank holidays) for project windows and appeal deadlines.</summary>
[Trait("Category", "Unit")]
public class WorkingDaysTests
{
    private static readonly DateOnly[] Easter2027 = [new(2027, 3, 26), new(2027, 3, 29)];

    [Theory]
    [InlineData("2027-03-05", 1, "2027-03-08")]
    [InlineData("2027-03-06", 1, "2027-03-08")]
    [InlineData("2027-03-07", 1, "2027-03-08")]
    [InlineData("2027-03-03", 20, "2027-03-31")]
    [InlineData("2027-03-08", 5, "2027-03-15")]
    [InlineData("2027-03-03", 0, "2027-03-03")]
    public void Add_WorkingDays_SkipsWeekends(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), WorkingDays.Add(Day(start), days));
    }

    [Theory]
    [InlineData("2027-03-25", 1, "2027-03-30")]
    [InlineData("2027-03-03", 20, "2027-04-02")]
    public void Add_WorkingDays_SkipsBankHolidays(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), WorkingDays.Add(Day(start), days, Easter2027));
    }

    [Fact]
    public void Add_ToAMoment_KeepsTheTimeOfDayAndOffset()
    {
        var opens = new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2027, 3, 15, 9, 0, 0, TimeSpan.FromHours(1)), WorkingDays.Add(opens, 5));
    }

    [Fact]
    public void Add_ANegativeNumber_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.Add(Day("2027-03-03"), -1));
    }

    [Theory]
    [InlineData("2027-03-01", "2027-03-05", 4)]
    [InlineData("2027-03-05", "2027-03-08", 1)]
    [InlineData("2027-03-03", "2027-03-31", 20)]
    [InlineData("2027-03-03", "2027-03-03", 0)]
    public void Between_TwoDays_CountsTheWorkingDaysAfterTheFirst(string from, string to, int expected)
    {
        Assert.Equal(expected, WorkingDays.Between(Day(from), Day(to)));
    }

    [Theory]
    [InlineData("2027-03-01", true)]
    [InlineData("2027-03-05", true)]
    [InlineData("2027-03-06", false)]
    [InlineData("2027-03-07", false)]
    [InlineData("2027-03-29", false)]
    public void IsWorkingDay_ForWeekdaysWeekendsAndHolidays_Answers(string day, bool expected)
    {
        Assert.Equal(expected, WorkingDays.IsWorkingDay(Day(day), Easter2027));
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
