namespace EpaPortal.Web.Security;

/// <summary>The Identity role names. The same words as the domain's roles.</summary>
public static class Roles
{
    public const string Apprentice = "Apprentice";
    public const string Employer = "Employer";
    public const string Assessor = "Assessor";
    public const string QualityAssurer = "QualityAssurer";
    public const string Admin = "Admin";

    /// <summary>A user of a training provider organisation (issue 19).</summary>
    public const string Provider = "Provider";

    public static readonly IReadOnlyList<string> All = [Apprentice, Employer, Provider, Assessor, QualityAssurer, Admin];

    /// <summary>A friendly label for a role name.</summary>
    public static string Label(string role) => role switch
    {
        QualityAssurer => "Quality assurer",
        Provider => "Training provider",
        _ => role,
    };
}
