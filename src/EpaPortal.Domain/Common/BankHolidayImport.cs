namespace EpaPortal.Domain.Common;

/// <summary>
/// Checks a newer copy of the GOV.UK bank-holidays feed before an admin's import replaces the portal's
/// calendar: it must be in the feed's shape, name every nation, keep every nation's days known at least
/// as far ahead as the calendar in use (an older copy would silently shorten every deadline's horizon),
/// reach the end of the current year, and hold no day twice for one nation.
/// </summary>
public static class BankHolidayImport
{
    public static (BankHolidayCalendar? Calendar, IReadOnlyList<string> Problems) Check(string json, BankHolidayCalendar current, DateOnly today)
    {
        BankHolidayCalendar candidate;
        try
        {
            candidate = BankHolidayCalendar.FromGovUkFeed(json);
        }
        catch (FormatException e)
        {
            return (null, [e.Message]);
        }

        var problems = new List<string>();
        foreach (var (division, nation) in BankHolidayCalendar.Divisions)
        {
            var events = candidate.Events(nation);
            var last = candidate.LastDay(nation);
            if (last is null || last < new DateOnly(today.Year, 12, 1))
            {
                problems.Add($"The bank holidays of '{division}' stop before the end of {today.Year}: import a copy that includes at least the Christmas bank holidays of {today.Year}.");
            }
            else if (current.LastDay(nation) is { } currentLast && last < currentLast)
            {
                problems.Add($"The bank holidays of '{division}' end on {DisplayNames.Date(last.Value)}, earlier than the calendar in use ({DisplayNames.Date(currentLast)}): this copy is older.");
            }

            var twice = events.GroupBy(e => e.Date).Where(g => g.Count() > 1).Select(g => DisplayNames.Date(g.Key)).ToList();
            if (twice.Count > 0)
            {
                problems.Add($"The bank holidays of '{division}' list {DisplayNames.List(twice)} more than once.");
            }
        }

        return problems.Count == 0 ? (candidate, []) : (null, problems);
    }
}
