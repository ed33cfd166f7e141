using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.Admin)]
[Route("admin")]
public class AdminDashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
