using EpaPortal.Web.Infrastructure;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>The JSON answer to a background save (read by wwwroot/js/assessor-autosave.js).</summary>
public sealed record AutoSaveAnswer(string Status, string? Version, string? SavedAt, string? Message, IReadOnlyList<string> Problems)
{
    public const string ConflictText = "Not saved: a newer version was saved in another tab or by someone else. Use the Save button to compare the two versions; nothing you typed is lost.";

    public static AutoSaveAnswer Invalid(IEnumerable<string> problems) => new("invalid", null, null, null, problems.ToList());

    public static AutoSaveAnswer From(SaveResult result) => result.Status switch
    {
        SaveStatus.Saved => new("saved", result.Version?.ToString("D"), result.SavedAt is { } at ? UkTime.ToUk(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null, null, []),
        SaveStatus.Conflict => new("conflict", null, null, ConflictText, []),
        _ => Invalid(result.Problems),
    };
}
