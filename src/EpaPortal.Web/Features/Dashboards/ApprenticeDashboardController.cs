using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Dashboards;

[Authorize(Policy = Policies.Apprentice)]
[Route("apprentice")]
public class ApprenticeDashboardController(ApprenticeDashboardService dashboard) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await dashboard.GetAsync(cancellationToken));
}
