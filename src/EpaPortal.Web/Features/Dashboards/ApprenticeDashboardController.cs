using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.Apprentice)]
[Route("apprentice")]
public class ApprenticeDashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
