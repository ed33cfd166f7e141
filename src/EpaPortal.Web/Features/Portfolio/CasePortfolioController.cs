using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>
/// The read-only portfolio of one case, for everyone the domain lets see its evidence: the apprentice,
/// their employer, the allocated assessor, quality assurers and admins. Anyone else gets 404.
/// </summary>
[Route("cases/{caseId:int}/portfolio")]
public class CasePortfolioController(PortfolioService portfolio, CaseAuthorizer cases) : Controller
{
    private const string Views = "~/Features/Portfolio/Views/Portfolio/";

    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadEvidence, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        if (await portfolio.GetAsync(caseId, editable: false, [], cancellationToken) is not { } model)
        {
            return NotFound();
        }

        return View(Views + "Index.cshtml", model);
    }

    [HttpGet("items/{id:int}")]
    public async Task<IActionResult> Item(int caseId, int id, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadEvidence, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        if (await portfolio.GetItemAsync(caseId, id, cancellationToken) is not { } item)
        {
            return NotFound();
        }

        ViewData["Editable"] = false;
        return View(Views + "Item.cshtml", item);
    }
}
