using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Tests.Common;

/// <summary>
/// The portal's copy of the GOV.UK bank holidays (Common/bank-holidays.json): every nation from 2018 to
/// 2028, checked day by day against the rules that make them, and read by <see cref="BankHolidayCalendar"/>.
/// </summary>
[Trait("Category", "Unit")]
public class BankHolidayCalendarTests
{
    private static readonly BankHolidayCalendar Calendar = BankHolidayCalendar.UnitedKingdom;

    public static TheoryData<UkNation, int> EveryNationAndYear()
    {
        var data = new TheoryData<UkNation, int>();
        foreach (var nation in Enum.GetValues<UkNation>())
        {
            for (var year = 2018; year <= 2028; year++)
            {
                data.Add(nation, year);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNationAndYear))]
    public void TheData_ForEachNationAndYear_IsWhatTheRulesGive(UkNation nation, int year)
    {
        var inFile = Calendar.For(nation).Where(d => d.Year == year).Order().ToList();

        Assert.Equal(Expected(nation, year), inFile);
    }

    [Theory]
    [InlineData(UkNation.EnglandAndWales, "2020-05-08", "Early May bank holiday (VE day)")]
    [InlineData(UkNation.Scotland, "2022-06-02", "Spring bank holiday")]
    [InlineData(UkNation.NorthernIreland, "2022-06-03", "Platinum Jubilee bank holiday")]
    [InlineData(UkNation.EnglandAndWales, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II")]
    [InlineData(UkNation.Scotland, "2023-05-08", "Bank holiday for the coronation of King Charles III")]
    [InlineData(UkNation.NorthernIreland, "2026-07-13", "Battle of the Boyne (Orangemen’s Day)")]
    [InlineData(UkNation.Scotland, "2027-01-04", "2nd January")]
    [InlineData(UkNation.EnglandAndWales, "2026-12-28", "Boxing Day")]
    public void TheData_NamesEachDayAsGovUkDoes(UkNation nation, string date, string title)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(title, Assert.Single(Calendar.Events(nation), e => e.Date == day).Title);
    }

    [Fact]
    public void TheData_MarksSubstituteDays()
    {
        var christmas2027 = Calendar.Events(UkNation.EnglandAndWales).Where(e => e.Date.Year == 2027 && e.Date.Month == 12).ToList();

        Assert.Equal(
            [new BankHoliday(new DateOnly(2027, 12, 27), "Christmas Day", true), new BankHoliday(new DateOnly(2027, 12, 28), "Boxing Day", true)],
            christmas2027);
        Assert.Equal(new DateOnly(2028, 12, 26), Calendar.LastDay(UkNation.EnglandAndWales));
    }

    [Fact]
    public void EasterMonday_IsABankHolidayInEnglandAndNorthernIreland_ButNotScotland()
    {
        var easterMonday = new DateOnly(2027, 3, 29);

        Assert.Contains(easterMonday, Calendar.For(UkNation.EnglandAndWales));
        Assert.Contains(easterMonday, Calendar.For(UkNation.NorthernIreland));
        Assert.DoesNotContain(easterMonday, Calendar.For(UkNation.Scotland));
    }

    [Fact]
    public void FromGovUkFeed_WithTheFeedsShape_ReadsEachDivision()
    {
        const string Feed = """
            {"england-and-wales":{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2026-12-25","notes":"","bunting":true}]},
             "scotland":{"division":"scotland","events":[{"title":"St Andrew’s Day","date":"2026-11-30","notes":"","bunting":true}]},
             "northern-ireland":{"division":"northern-ireland","events":[]}}
            """;

        var calendar = BankHolidayCalendar.FromGovUkFeed(Feed);

        Assert.Equal([new DateOnly(2026, 12, 25)], calendar.For(UkNation.EnglandAndWales));
        Assert.Equal([new DateOnly(2026, 11, 30)], calendar.For(UkNation.Scotland));
        Assert.Empty(calendar.For(UkNation.NorthernIreland));
        Assert.Null(calendar.LastDay(UkNation.NorthernIreland));
    }

    [Theory]
    [InlineData("[]", "The bank holidays must be an object with one division per nation, as in the GOV.UK feed.")]
    [InlineData("""{"england-and-wales":{"events":[]},"scotland":{"events":[]}}""", "The bank holidays have no list of events for the division 'northern-ireland'.")]
    [InlineData("""{"england-and-wales":{"events":[{"title":"Boxing Day","date":"26/12/2026"}]},"scotland":{"events":[]},"northern-ireland":{"events":[]}}""", "A bank holiday of 'england-and-wales' needs a title and a date written yyyy-MM-dd: ")]
    [InlineData("{", "The bank holidays are not valid JSON: ")]
    public void FromGovUkFeed_OfTheWrongShape_SaysWhatIsWrong(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => BankHolidayCalendar.FromGovUkFeed(json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The bank holidays of one nation and year by the rules (an independent check of the data).</summary>
    private static List<DateOnly> Expected(UkNation nation, int year)
    {
        var days = new List<DateOnly>();
        var easter = EasterSunday(year);
        days.AddRange(WithSubstitutes(nation == UkNation.Scotland ? [new(year, 1, 1), new(year, 1, 2)] : [new(year, 1, 1)]));
        days.Add(easter.AddDays(-2));
        if (nation != UkNation.Scotland)
        {
            days.Add(easter.AddDays(1));
        }

        days.Add(year == 2020 ? new DateOnly(2020, 5, 8) : FirstMonday(year, 5));
        days.AddRange(year == 2022 ? [new(2022, 6, 2), new(2022, 6, 3)] : [LastMonday(year, 5)]);
        days.Add(nation == UkNation.Scotland ? FirstMonday(year, 8) : LastMonday(year, 8));
        days.AddRange(WithSubstitutes([new(year, 12, 25), new(year, 12, 26)]));
        switch (nation)
        {
            case UkNation.Scotland:
                days.AddRange(WithSubstitutes([new(year, 11, 30)]));
                break;
            case UkNation.NorthernIreland:
                days.AddRange(WithSubstitutes([new(year, 3, 17)]));
                days.AddRange(WithSubstitutes([new(year, 7, 12)]));
                break;
        }

        // The one-off bank holidays: the Queen's state funeral and the King's coronation.
        days.AddRange(year switch
        {
            2022 => [new DateOnly(2022, 9, 19)],
            2023 => [new DateOnly(2023, 5, 8)],
            _ => [],
        });
        return days.Order().ToList();
    }

    /// <summary>Days that fall at a weekend move to the next weekday no other of them takes.</summary>
    private static HashSet<DateOnly> WithSubstitutes(DateOnly[] days)
    {
        var taken = days.Where(d => !IsWeekend(d)).ToHashSet();
        foreach (var day in days.Where(IsWeekend))
        {
            var substitute = day;
            while (IsWeekend(substitute) || taken.Contains(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            taken.Add(substitute);
        }

        return taken;
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the Meeus/Jones/Butcher algorithm).</summary>
    private static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
