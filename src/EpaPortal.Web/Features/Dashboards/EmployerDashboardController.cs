using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.Employer)]
[Route("employer")]
public class EmployerDashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
