using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Records;

/// <summary>/admin/audit/chain: where the audit chain ends (to anchor it outside the portal), verification runs and their findings.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/audit/chain")]
public class AuditTrailController(RecordsAdminService records, IValidator<VerifyInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await records.ChainAsync(null, [], cancellationToken));

    [HttpPost("verify")]
    public async Task<IActionResult> Verify([Bind(Prefix = "Input")] VerifyInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), await records.ChainAsync(input, [], cancellationToken));
        }

        var id = await records.QueueVerificationAsync(input, cancellationToken);
        TempData["Success"] = "The verification has started in the background: this page shows its result when it finishes (refresh in a minute).";
        return RedirectToAction(nameof(Verification), new { id });
    }

    [HttpGet("verifications/{id:int}")]
    public async Task<IActionResult> Verification(int id, CancellationToken cancellationToken) =>
        await records.VerificationAsync(id, cancellationToken) is { } model ? View(model) : NotFound();
}
