using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Home;

public class HomeController(CurrentUser currentUser) : Controller
{
    /// <summary>Sends each person to their role's dashboard; people with several roles choose.</summary>
    public IActionResult Index()
    {
        var dashboards = Dashboards.For(currentUser.Roles);
        return dashboards.Count == 1
            ? Redirect(dashboards[0].Path)
            : View(new HomeViewModel(currentUser.DisplayName, dashboards));
    }

    /// <summary>
    /// The page for an error status the portal itself answered (re-executed by the status-code pages
    /// middleware). Only those codes are shown, and only from the route: a code in the form or the query
    /// cannot turn a 429 or a 403 into a 200, and opening the address directly is simply "not found".
    /// </summary>
    [AllowAnonymous]
    [Route("Home/Status/{code:int}")]
    public IActionResult Status()
    {
        var status = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } original
            && StatusViewModel.Produced.Contains(original.OriginalStatusCode)
                ? original.OriginalStatusCode
                : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        return View(new StatusViewModel(status));
    }

    [AllowAnonymous]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Status", new StatusViewModel(StatusCodes.Status403Forbidden));
    }
}

public sealed record HomeViewModel(string DisplayName, IReadOnlyList<Dashboard> Dashboards);

public sealed record StatusViewModel(int Code)
{
    /// <summary>The error statuses the portal answers (and so explains).</summary>
    public static readonly IReadOnlySet<int> Produced = new HashSet<int>
    {
        StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status405MethodNotAllowed, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable,
    };

    public string Title => Code switch
    {
        StatusCodes.Status403Forbidden => "You do not have access to this page",
        StatusCodes.Status404NotFound => "Page not found",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        _ => "Something went wrong",
    };

    public string Message => Code switch
    {
        StatusCodes.Status403Forbidden => "Your account cannot see this page. If you think it should, contact your assessment organisation.",
        StatusCodes.Status404NotFound => "If you typed the web address, check it is correct. If you followed a link, the item may have been removed.",
        StatusCodes.Status429TooManyRequests => "You have made too many requests in a short time. Wait a minute and try again.",
        _ => "Please try again. If the problem continues, contact your assessment organisation.",
    };
}
