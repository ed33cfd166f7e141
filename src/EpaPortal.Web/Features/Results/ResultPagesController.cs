using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Results;

/// <summary>The released result for the apprentice (/apprentice/result) and their employer (/employer/cases/{id}/result).</summary>
public class ResultPagesController(CaseAccess access, OwnCase ownCase, ResultViewBuilder builder) : Controller
{
    [Authorize(Policy = Policies.Apprentice)]
    [HttpGet("apprentice/result")]
    public async Task<IActionResult> Apprentice(CancellationToken cancellationToken)
    {
        if (await ownCase.IdAsync(cancellationToken) is not { } caseId
            || await access.VisibleCaseAsync(caseId, cancellationToken) is not { } info
            || !info.Relation.HasFlag(CaseRelation.Apprentice))
        {
            return View("NoCase");
        }

        return await PageAsync(info, isEmployer: false, cancellationToken);
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpGet("employer/cases/{caseId:int}/result")]
    public async Task<IActionResult> Employer(int caseId, CancellationToken cancellationToken)
    {
        if (await access.VisibleCaseAsync(caseId, cancellationToken) is not { } info || !info.Relation.HasFlag(CaseRelation.Employer))
        {
            return NotFound();
        }

        return await PageAsync(info, isEmployer: true, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CaseAccessInfo info, bool isEmployer, CancellationToken cancellationToken)
    {
        var result = await builder.BuildAsync(info, cancellationToken);
        return View("Result", new ResultPageViewModel(info.CaseId, info.ApprenticeName, isEmployer, result));
    }
}
