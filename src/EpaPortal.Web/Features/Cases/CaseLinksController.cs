using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// The stable links used in e-mails (<c>/cases/{id}</c> and <c>/cases/{id}/{section}</c>) send each
/// person to their own page for that case and section. Someone with no relation to the case gets 404.
/// </summary>
[Route("cases/{caseId:int}")]
public class CaseLinksController(CaseAuthorizer cases) : Controller
{
    [HttpGet("")]
    public Task<IActionResult> Case(int caseId) => Go(caseId, section: null);

    [HttpGet("{section:regex(^(reference|gateway|project|interview|quality|result|appeal)$)}")]
    public Task<IActionResult> Section(int caseId, string section) => Go(caseId, section);

    private async Task<IActionResult> Go(int caseId, string? section)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Read, HttpContext.RequestAborted);
        return access.Succeeded ? Redirect(CaseLinks.For(access.Case, section)) : access.Refusal;
    }
}

/// <summary>Where each relation finds a case and its sections. One table, so links never drift.</summary>
public static class CaseLinks
{
    public static string For(CaseAccessInfo info, string? section)
    {
        var caseId = info.CaseId;
        if (info.Allows(CaseOperation.ActAsApprentice))
        {
            return section switch
            {
                "project" => "/apprentice/project",
                "result" => "/apprentice/result",
                "appeal" => "/apprentice/appeal",
                _ => "/apprentice",
            };
        }

        if (info.Allows(CaseOperation.ActAsEmployer))
        {
            return section switch
            {
                "reference" => $"/employer/cases/{caseId}/reference",
                "gateway" => $"/employer/cases/{caseId}/gateway",
                "result" => $"/employer/cases/{caseId}/result",
                "appeal" => $"/employer/cases/{caseId}/appeal",
                _ => $"/employer/cases/{caseId}",
            };
        }

        if (info.Allows(CaseOperation.ActAsProvider))
        {
            return $"/provider/cases/{caseId}";
        }

        if (info.Allows(CaseOperation.Administer))
        {
            return section switch
            {
                "gateway" => $"/admin/cases/{caseId}/gateway",
                "result" => $"/admin/results/cases/{caseId}",
                "appeal" => $"/admin/cases/{caseId}/appeal",
                "quality" when info.Allows(CaseOperation.ReviewQuality) => $"/quality/cases/{caseId}",
                _ => $"/admin/cases/{caseId}",
            };
        }

        if (info.Allows(CaseOperation.ReviewQuality))
        {
            return $"/quality/cases/{caseId}";
        }

        return section switch
        {
            "interview" => $"/assessor/cases/{caseId}/interview",
            "project" => $"/assessor/cases/{caseId}/project",
            _ => $"/assessor/cases/{caseId}",
        };
    }
}
