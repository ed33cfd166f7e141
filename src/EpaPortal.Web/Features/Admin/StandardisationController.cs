using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/standardisation: standardisation activities, recorded and listed.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/standardisation")]
public class StandardisationController(StandardisationService standardisation, IValidator<StandardisationInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await standardisation.PageAsync(null, [], cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = "Input")] StandardisationInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await standardisation.RecordAsync(input, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "The standardisation activity was recorded.";
                return RedirectToAction(nameof(Index));
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(await standardisation.PageAsync(input, problems, cancellationToken));
    }
}
