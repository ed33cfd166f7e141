using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/cases/{id}/gateway: the gateway check, item by item.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/cases/{id:int}/gateway")]
public class GatewayReviewController(GatewayReviewService gateway, IValidator<GatewayReviewInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken) =>
        await gateway.PageAsync(id, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Index(int id, [Bind(Prefix = "Input")] GatewayReviewInput input, string? decision, CancellationToken cancellationToken)
    {
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
            var (result, decisionsKept) = await gateway.DecideAsync(id, input, approve, cancellationToken);
            if (result.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                TempData["Success"] = approve
                    ? "The gateway was approved. The apprentice and the employer have been told."
                    : "The gateway was rejected. The employer can correct it and submit it again; the apprentice and the employer have been told.";
                return Redirect($"/admin/cases/{id}");
            }

            problems = result.Problems;
            kept = decisionsKept;
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return await gateway.PageAsync(id, input, problems, cancellationToken) is { } model ? View(model with { DecisionsKept = kept }) : NotFound();
    }
}
