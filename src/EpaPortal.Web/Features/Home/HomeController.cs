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

    [AllowAnonymous]
    [Route("Home/Status/{code:int}")]
    public IActionResult Status(int code)
    {
        Response.StatusCode = code;
        return View(new StatusViewModel(code));
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
