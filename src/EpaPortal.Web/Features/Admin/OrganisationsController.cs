using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/organisations: employers and training providers.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/organisations")]
public class OrganisationsController(OrganisationsService organisations, IValidator<OrganisationInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? after = null, string? before = null, string? sort = null, CancellationToken cancellationToken = default) =>
        View(await organisations.ListAsync(new OrganisationListFilter(after, before, sort), cancellationToken));

    /// <summary>Every organisation as CSV, in the list's sort (issue 21).</summary>
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(string? sort = null, CancellationToken cancellationToken = default) =>
        Infrastructure.CsvFile.Download("epa-organisations.csv", OrganisationsService.ExportHeader,
            (await organisations.ExportAsync(new OrganisationListFilter(Sort: sort), cancellationToken)).Select(OrganisationsService.ExportCells));

    [HttpGet("new")]
    public IActionResult Create() => View(new OrganisationDetailViewModel(0, new OrganisationInput(), [], [], 0, []));

    [HttpPost("new")]
    public Task<IActionResult> Create([Bind(Prefix = "Input")] OrganisationInput input, CancellationToken cancellationToken) => SaveAsync(null, input, cancellationToken);

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await organisations.DetailAsync(id, null, [], cancellationToken) is { } model ? View(model) : NotFound();

    [HttpPost("{id:int}")]
    public Task<IActionResult> Details(int id, [Bind(Prefix = "Input")] OrganisationInput input, CancellationToken cancellationToken) => SaveAsync(id, input, cancellationToken);

    private async Task<IActionResult> SaveAsync(int? id, OrganisationInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = [];
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var (saved, problem, field) = await organisations.SaveAsync(id, input, cancellationToken);
            if (saved is { } savedId)
            {
                TempData["Success"] = "The organisation was saved.";
                return RedirectToAction(nameof(Details), new { id = savedId });
            }

            if (problem is null)
            {
                return NotFound();
            }

            ModelState.AddModelError($"Input.{field}", problem);
        }
        else
        {
            validation.AddToModelState(ModelState, "Input");
        }

        if (id is null)
        {
            return View(nameof(Create), new OrganisationDetailViewModel(0, input, [], [], 0, problems));
        }

        return await organisations.DetailAsync(id.Value, input, problems, cancellationToken) is { } model ? View(nameof(Details), model) : NotFound();
    }
}
