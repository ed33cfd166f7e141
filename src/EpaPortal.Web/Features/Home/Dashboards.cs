using EpaPortal.Web.Security;

namespace EpaPortal.Web.Features.Home;

public sealed record Dashboard(string Role, string Title, string Path);

/// <summary>Each role's landing page, and the role's other pages that belong in the main navigation.</summary>
public static class Dashboards
{
    private static readonly Dashboard[] All =
    [
        new(Roles.Admin, "Administration", "/admin"),
        new(Roles.QualityAssurer, "Quality assurance", "/quality"),
        new(Roles.Assessor, "My caseload", "/assessor"),
        new(Roles.Employer, "My apprentices", "/employer"),
        new(Roles.Provider, "Our apprentices (training provider)", "/provider"),
        new(Roles.Apprentice, "My assessment", "/apprentice"),
    ];

    /// <summary>Pages a role reaches from every page, not only from its dashboard.</summary>
    private static readonly Dashboard[] MoreLinks =
    [
        new(Roles.Assessor, "My calendar", "/assessor/availability"),
        new(Roles.Assessor, "Conflicts of interest", "/assessor/conflicts"),
        new(Roles.Admin, "Reports", "/reports"),
        new(Roles.QualityAssurer, "Reports", "/reports"),
    ];

    public static IReadOnlyList<Dashboard> For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return All.Where(d => held.Contains(d.Role)).ToList();
    }

    /// <summary>The main navigation: each held role's dashboard followed by its other pages.</summary>
    public static IReadOnlyList<Dashboard> Navigation(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return All.Where(d => held.Contains(d.Role))
            .SelectMany(d => MoreLinks.Where(m => m.Role == d.Role).Prepend(d))
            .DistinctBy(d => d.Path, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The link the page at <paramref name="path"/> belongs to: the longest one that is the path or a folder of it.</summary>
    public static Dashboard? Current(IReadOnlyList<Dashboard> links, string path) =>
        links.Where(l => path.Equals(l.Path, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(l.Path + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(l => l.Path.Length);
}
