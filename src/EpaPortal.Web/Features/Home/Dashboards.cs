using EpaPortal.Web.Security;

namespace EpaPortal.Web.Features.Home;

public sealed record Dashboard(string Role, string Title, string Path);

/// <summary>Each role's landing page.</summary>
public static class Dashboards
{
    private static readonly Dashboard[] All =
    [
        new(Roles.Admin, "Administration", "/admin"),
        new(Roles.QualityAssurer, "Quality assurance", "/quality"),
        new(Roles.Assessor, "My caseload", "/assessor"),
        new(Roles.Employer, "My apprentices", "/employer"),
        new(Roles.Apprentice, "My assessment", "/apprentice"),
    ];

    public static IReadOnlyList<Dashboard> For(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return All.Where(d => held.Contains(d.Role)).ToList();
    }
}
