using System.Globalization;

namespace EpaPortal.Domain.Reporting;

/// <summary>
/// A rate with its group size (issue 21): <see cref="Count"/> of <see cref="Of"/>. A rate over fewer than
/// <see cref="MinimumGroup"/> cases says so wherever it is shown, in the page and in the CSV: one pass in two
/// cases is not "50%" in the same breath as 500 in 1,000.
/// </summary>
public sealed record ReportRate(int Count, int Of)
{
    /// <summary>The smallest group a rate is shown for without a warning.</summary>
    public const int MinimumGroup = 5;

    /// <summary>The warning a rate over a small group carries.</summary>
    public const string SmallGroupWarning = "fewer than 5 cases";

    public bool HasCases => Of > 0;

    /// <summary>The group is large enough for the rate to be shown without a warning.</summary>
    public bool IsReliable => Of >= MinimumGroup;

    /// <summary>The rate in per cent, rounded to a whole number (none for an empty group).</summary>
    public int? Percent => Of == 0 ? null : (int)Math.Round(100m * Count / Of, MidpointRounding.AwayFromZero);

    /// <summary>The rate as the page and the CSV show it, e.g. "80% (4 of 5)", "50% (1 of 2; fewer than 5 cases)", "no cases".</summary>
    public string Text => Percent is not { } percent
        ? "no cases"
        : string.Create(CultureInfo.InvariantCulture, $"{percent}% ({Count} of {Of}{(IsReliable ? string.Empty : "; " + SmallGroupWarning)})");
}
