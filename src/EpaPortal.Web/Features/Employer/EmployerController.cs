using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The employer's dashboard (their organisation's apprentices) and the page of one case.</summary>
[Authorize(Policy = Policies.Employer)]
[Route("employer")]
public class EmployerController(EmployerService service, CaseAccess access) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] EmployerDashboardQuery query) =>
        View(await service.DashboardAsync(query, HttpContext.RequestAborted));

    [HttpGet("cases/{caseId:int}")]
    public async Task<IActionResult> Case(int caseId)
    {
        var info = await EmployerCase.AccessAsync(access, caseId, HttpContext.RequestAborted);
        return info is null ? NotFound() : View(await service.CaseAsync(info, HttpContext.RequestAborted));
    }
}

/// <summary>The access check every employer case page starts with.</summary>
public static class EmployerCase
{
    /// <summary>The case if the signed-in user is an employer of the apprentice's organisation; null (404) otherwise.</summary>
    public static async Task<CaseAccessInfo?> AccessAsync(CaseAccess access, int caseId, CancellationToken cancellationToken)
    {
        var info = await access.VisibleCaseAsync(caseId, cancellationToken);
        return info is not null && info.Relation.HasFlag(CaseRelation.Employer) ? info : null;
    }
}
