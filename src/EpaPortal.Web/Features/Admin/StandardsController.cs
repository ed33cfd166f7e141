using System.Text;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Admin;

/// <summary>/admin/standards: the standards and versions, and adding one from a JSON definition.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/standards")]
public class StandardsController(StandardsService standards) : Controller
{
    private const long MaxDefinitionBytes = 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await standards.ListAsync(cancellationToken));

    [HttpGet("versions/{id:int}")]
    public async Task<IActionResult> Version(int id, CancellationToken cancellationToken) =>
        await standards.VersionAsync(id, cancellationToken) is { } model ? View(model) : NotFound();

    [HttpGet("import")]
    public IActionResult Import() => View(new StandardImportViewModel(null, []));

    [HttpPost("import")]
    [RequestSizeLimit(MaxDefinitionBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxDefinitionBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, string? json, CancellationToken cancellationToken)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxDefinitionBytes)
            {
                return View(new StandardImportViewModel(json, ["The file is larger than 1 MB."]));
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            ModelState.AddModelError("json", "Choose a JSON file, or paste the definition.");
            return View(new StandardImportViewModel(json, []));
        }

        var (versionId, problems) = await standards.ImportAsync(json, cancellationToken);
        if (versionId is { } id)
        {
            TempData["Success"] = "The standard version was added.";
            return RedirectToAction(nameof(Version), new { id });
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(new StandardImportViewModel(json, problems));
    }
}
