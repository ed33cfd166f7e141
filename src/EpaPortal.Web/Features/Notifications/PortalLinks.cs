using System.Globalization;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>The <c>Portal</c> settings.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address people use to reach the portal; every link in an e-mail starts with it
    /// (never the request's Host header, which a client controls).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5073";
}

/// <summary>
/// The pages that e-mails link to. The paths are a contract with the features that serve them
/// (docs/notifications.md lists them); change them here only together with the routes.
/// </summary>
public sealed class PortalLinks(Microsoft.Extensions.Options.IOptions<PortalOptions> options)
{
    public const string ApprenticeDashboard = "/apprentice";
    public const string EmployerDashboard = "/employer";
    public const string AssessorDashboard = "/assessor";
    public const string QualityDashboard = "/quality";
    public const string AdminDashboard = "/admin";
    public const string SignIn = "/Identity/Account/Login";

    public static string CasePath(int caseId) => string.Create(CultureInfo.InvariantCulture, $"/cases/{caseId}");

    public static string PortfolioPath(int caseId) => CasePath(caseId) + "/portfolio";

    public static string ReferencePath(int caseId) => CasePath(caseId) + "/reference";

    public static string GatewayPath(int caseId) => CasePath(caseId) + "/gateway";

    public static string ProjectPath(int caseId) => CasePath(caseId) + "/project";

    public static string InterviewPath(int caseId) => CasePath(caseId) + "/interview";

    public static string QualityPath(int caseId) => CasePath(caseId) + "/quality";

    public static string ResultPath(int caseId) => CasePath(caseId) + "/result";

    public static string AppealPath(int caseId) => CasePath(caseId) + "/appeal";

    /// <summary>The case's messages (issue 25, item 5): one page for everyone who takes part in them.</summary>
    public static string MessagesPath(int caseId) => CasePath(caseId) + "/messages";

    /// <summary>The assessor's final judgement page of the case (where a moderated grade is shown to them).</summary>
    public static string JudgementPath(int caseId) => string.Create(CultureInfo.InvariantCulture, $"/assessor/cases/{caseId}/judgement");

    public Uri BaseUri { get; } = new(options.Value.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    /// <summary>An absolute link on the portal for a path such as <c>/cases/12/portfolio</c>.</summary>
    public Uri Absolute(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>A link given by a caller (relative, or absolute from a request): always rebased on
    /// <see cref="BaseUri"/>, so a forged Host header can never send people elsewhere.</summary>
    public Uri Resolve(string link)
    {
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            // A link made by the portal itself already carries the base path (PathBase): keep it once.
            var path = absolute.PathAndQuery;
            if (BaseUri.AbsolutePath.Length > 1 && path.StartsWith(BaseUri.AbsolutePath, StringComparison.OrdinalIgnoreCase))
            {
                path = path[BaseUri.AbsolutePath.Length..];
            }

            return Absolute(path + absolute.Fragment);
        }

        return Absolute(link);
    }
}
