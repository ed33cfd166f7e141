using EpaPortal.Domain.Access;
using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/cases/{id}/gateway: the gateway check, item by item.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/gateway")]
public class GatewayReviewController(GatewayReviewService gateway, CaseAuthorizer cases, IValidator<GatewayReviewInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return access.Succeeded ? View(await gateway.PageAsync(access.Snapshot!, null, [], cancellationToken)) : access.Refusal;
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(int id, [Bind(Prefix = "Input")] GatewayReviewInput input, string? decision, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        IReadOnlyList<string> problems = [];
        var kept = false;
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (decision is not ("approve" or "reject"))
        {
            problems = ["Choose whether to approve or reject the gateway."];
        }
        else if (validation.IsValid)
        {
            var approve = decision == "approve";
            var (result, decisionsKept) = await gateway.DecideAsync(access.Snapshot!, input, approve, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = approve
                    ? "The gateway was approved. The apprentice and the employer have been told."
                    : "The gateway was rejected. The employer can correct it and submit it again; the apprentice and the employer have been told.";
                return RedirectToAction(nameof(AdminCasesController.Case), "AdminCases", new { id });
            }

            problems = result.Problems;
            kept = decisionsKept;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        // Refused: the decisions kept (or nothing) were saved on their own; the page shows the case as it is now.
        var current = await cases.AuthorizeWithFactsAsync(User, id, CaseOperation.Administer, forUpdate: false, cancellationToken);
        return current.Succeeded ? View((await gateway.PageAsync(current.Snapshot!, input, problems, cancellationToken)) with { DecisionsKept = kept }) : current.Refusal;
    }
}
