using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.Assessor)]
[Route("assessor")]
public class AssessorDashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
