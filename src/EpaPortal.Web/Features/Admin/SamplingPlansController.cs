using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/sampling-plans: the IQA sampling plan of each standard version (issue 21, item 4), edited by a QA lead.</summary>
[Authorize(Policy = Policies.QaLead)]
[Route("admin/sampling-plans")]
public class SamplingPlansController(SamplingPlansService plans, IValidator<SamplingPlanInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await plans.ListAsync(cancellationToken));

    [HttpGet("{versionId:int}")]
    public async Task<IActionResult> Edit(int versionId, CancellationToken cancellationToken) =>
        await plans.EditAsync(versionId, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{versionId:int}")]
    public async Task<IActionResult> Edit(int versionId, [Bind(Prefix = "Input")] SamplingPlanInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var (result, refused) = await plans.SaveAsync(versionId, input, cancellationToken);
            switch (result)
            {
                case SamplingPlanSave.Saved:
                    TempData["Success"] = "The sampling plan was saved. It applies to the grades decided from now on.";
                    return RedirectToAction(nameof(Index));
                case SamplingPlanSave.NotFound:
                    return NotFound();
                case SamplingPlanSave.Conflict:
                    problems = ["Someone else changed this plan while you were editing it. The form shows your numbers: check the list, then save again."];
                    input.Version = (await plans.EditAsync(versionId, null, [], cancellationToken))?.Input.Version;
                    break;
                default:
                    problems = refused;
                    break;
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        return await plans.EditAsync(versionId, input, problems, cancellationToken) is { } model ? View(model) : NotFound();
    }
}
