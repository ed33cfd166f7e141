using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The assessor's landing page: the cases allocated to them, most urgent first.</summary>
[Authorize(Policy = Policies.Assessor)]
[Route("assessor")]
public class CaseloadController(CaseloadService caseload, CurrentUser user) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CaseloadQuery query, CancellationToken cancellationToken) =>
        View(await caseload.GetAsync(user.Id, query, cancellationToken));
}
