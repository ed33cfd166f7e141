using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The employer's dashboard (their organisation's apprentices) and the page of one case.</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer")]
public class EmployerController(EmployerService service, CaseAuthorizer cases) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] EmployerDashboardQuery query) =>
        View(await service.DashboardAsync(query, HttpContext.RequestAborted));

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, HttpContext.RequestAborted);
        return access.Succeeded ? View(await service.CaseAsync(access.Case, HttpContext.RequestAborted)) : access.Refusal;
    }
}
