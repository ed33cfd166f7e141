using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin: the admin's dashboard with server-drawn charts.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin")]
public class AdminDashboardController(AdminDashboardService dashboard) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await dashboard.LoadAsync(cancellationToken));
}
