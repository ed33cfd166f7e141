using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Records;

/// <summary>/account/privacy: anyone signed in asks for their data to be corrected or erased, and sees the answers.</summary>
[Route("account/privacy")]
public class PrivacyController(PrivacyService privacy, IValidator<PrivacyRequestInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await privacy.MineAsync(null, [], cancellationToken));

    [HttpPost("")]
    public async Task<IActionResult> Index([Bind(Prefix = "Input")] PrivacyRequestInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            problems = await privacy.AskAsync(input, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "Your request was sent to the assessment organisation's admins. Their decision and its reason will show here.";
                return RedirectToAction(nameof(Index));
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return View(await privacy.MineAsync(input, problems, cancellationToken));
    }
}
