using System.Globalization;
using Microsoft.Playwright;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// The GOV.UK date input (issue 25): a fieldset named by its legend with three fields, Day, Month and Year.
/// A journey types a date into them as a person does, and reads them back.
/// </summary>
public static class DateFields
{
    /// <summary>The date input named <paramref name="legend"/> on the page.</summary>
    public static ILocator Date(this IPage page, string legend) =>
        page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    /// <summary>The date input named <paramref name="legend"/> inside <paramref name="scope"/> (a card of the upload page).</summary>
    public static ILocator Date(this ILocator scope, string legend) =>
        scope.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    public static ILocator Part(this ILocator date, string part) => date.GetByLabel(part, new() { Exact = true });

    /// <summary>Types <paramref name="day"/> / <paramref name="month"/> / <paramref name="year"/> (any text) into the three fields.</summary>
    public static async Task TypeAsync(this ILocator date, string day, string month, string year)
    {
        await date.Part("Day").FillAsync(day);
        await date.Part("Month").FillAsync(month);
        await date.Part("Year").FillAsync(year);
    }

    public static Task TypeAsync(this ILocator date, DateOnly value) =>
        date.TypeAsync(value.Day.ToString(CultureInfo.InvariantCulture), value.Month.ToString(CultureInfo.InvariantCulture), value.Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>Asserts the three fields show <paramref name="day"/> / <paramref name="month"/> / <paramref name="year"/>.</summary>
    public static async Task ExpectAsync(this ILocator date, string day, string month, string year)
    {
        await Assertions.Expect(date.Part("Day")).ToHaveValueAsync(day);
        await Assertions.Expect(date.Part("Month")).ToHaveValueAsync(month);
        await Assertions.Expect(date.Part("Year")).ToHaveValueAsync(year);
    }
}
