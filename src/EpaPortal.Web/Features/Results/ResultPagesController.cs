using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Results;

/// <summary>The released result for the apprentice (/apprentice/result) and their employer (/employer/cases/{id}/result).</summary>
public class ResultPagesController(CaseAuthorizer cases, ResultViewBuilder builder) : Controller
{
    [Authorize(Policy = Policies.Apprentice)]
    [HttpGet("apprentice/result")]
    public async Task<IActionResult> Apprentice(CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeOwnAsync(User, CaseOperation.ActAsApprentice, cancellationToken);
        return access.Succeeded ? await PageAsync(access.Case, isEmployer: false, cancellationToken) : View("NoCase");
    }

    [Authorize(Policy = Policies.Employer)]
    [HttpGet("employer/cases/{caseId:int}/result")]
    public async Task<IActionResult> Employer(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ActAsEmployer, cancellationToken);
        return access.Succeeded ? await PageAsync(access.Case, isEmployer: true, cancellationToken) : access.Refusal;
    }

    private async Task<IActionResult> PageAsync(CaseAccessInfo info, bool isEmployer, CancellationToken cancellationToken)
    {
        var result = await builder.BuildAsync(info, cancellationToken);
        return View("Result", new ResultPageViewModel(info.CaseId, info.ApprenticeName, isEmployer, result));
    }
}
