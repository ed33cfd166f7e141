using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Conflicts;

/// <summary>/assessor/conflicts: the assessor's own declarations of conflicts of interest.</summary>
[Authorize(Policy = Policies.Assessor)]
[Route("assessor/conflicts")]
public class ConflictsController(ConflictsService conflicts, IValidator<DeclareConflictInput> validator, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await conflicts.MinePageAsync(new DeclareConflictInput { From = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).DateTime) }, cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = "Input")] DeclareConflictInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid && !Infrastructure.DateInput.DateParts.AnyRefused(ModelState))
        {
            if (await conflicts.DeclareAsync(input, cancellationToken) is not { } problem)
            {
                TempData["Success"] = "Your conflict of interest was recorded. You will not be allocated that organisation's apprentices while it is in force.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddModelError("Input.OrganisationId", problem);
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(await conflicts.MinePageAsync(input, cancellationToken));
    }

    [HttpPost("{id:int}/end")]
    public async Task<IActionResult> End(int id, CancellationToken cancellationToken)
    {
        if (!await conflicts.EndAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The conflict was ended: it is no longer in force after today.";
        return RedirectToAction(nameof(Index));
    }
}

/// <summary>/admin/conflicts: every declared conflict, for the admins who allocate assessors.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/conflicts")]
public class AdminConflictsController(ConflictsService conflicts) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(bool inForce = false, int? organisationId = null, CancellationToken cancellationToken = default) =>
        View(await conflicts.AdminPageAsync(inForce, organisationId, cancellationToken));
}
