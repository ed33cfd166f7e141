using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.QualityAssurer)]
[Route("quality")]
public class QualityAssurerDashboardController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
