using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Tests.Scheduling;

/// <summary>An admin's import of a newer copy of the GOV.UK bank-holidays feed is validated first.</summary>
[Trait("Category", "Unit")]
public class BankHolidayImportTests
{
    private static readonly DateOnly Today = new(2027, 3, 3);

    private static string Feed(int lastYear, params string[] extraEnglandDates)
    {
        string Division(string name, IEnumerable<string> dates) =>
            $"\"{name}\":{{\"division\":\"{name}\",\"events\":[{string.Join(",", dates.Select(d => $"{{\"title\":\"Day\",\"date\":\"{d}\",\"notes\":\"\",\"bunting\":true}}"))}]}}";
        var years = Enumerable.Range(2026, lastYear - 2025).Select(y => $"{y}-12-25").ToList();
        return "{" + string.Join(",",
            Division("england-and-wales", years.Concat(extraEnglandDates)),
            Division("scotland", years),
            Division("northern-ireland", years)) + "}";
    }

    [Fact]
    public void Check_ANewerCopy_IsAccepted()
    {
        var (calendar, problems) = BankHolidayImport.Check(Feed(2030), BankHolidayCalendar.UnitedKingdom, Today);

        Assert.Empty(problems);
        Assert.Equal(new DateOnly(2030, 12, 25), calendar!.LastDay(UkNation.Scotland));
    }

    [Fact]
    public void Check_AnOlderCopy_IsRefused()
    {
        var (calendar, problems) = BankHolidayImport.Check(Feed(2027), BankHolidayCalendar.UnitedKingdom, Today);

        Assert.Null(calendar);
        Assert.Contains(problems, p => p.Contains("this copy is older", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ADayListedTwice_IsRefused()
    {
        var (_, problems) = BankHolidayImport.Check(Feed(2030, "2030-12-25"), BankHolidayCalendar.UnitedKingdom, Today);

        Assert.Contains("The bank holidays of 'england-and-wales' list 25 December 2030 more than once.", problems);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"england-and-wales\":{\"events\":[]}}")]
    public void Check_NotTheFeedsShape_IsRefusedWithTheReason(string json)
    {
        var (calendar, problems) = BankHolidayImport.Check(json, BankHolidayCalendar.UnitedKingdom, Today);

        Assert.Null(calendar);
        Assert.Single(problems);
    }
}
