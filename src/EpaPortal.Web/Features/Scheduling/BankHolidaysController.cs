using System.Text;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>/admin/bank-holidays: the bank holidays every deadline counts with, and importing a newer copy
/// of the GOV.UK feed (https://www.gov.uk/bank-holidays.json).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/bank-holidays")]
public class BankHolidaysController(BankHolidaysService holidays) : Controller
{
    private const long MaxFeedBytes = 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await holidays.PageAsync(null, [], cancellationToken));

    [HttpPost("")]
    [RequestSizeLimit(MaxFeedBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFeedBytes + 64 * 1024)]
    public async Task<IActionResult> Index(IFormFile? file, string? json, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems;
        if (file is { Length: > MaxFeedBytes })
        {
            problems = ["The file is larger than 1 MB: the GOV.UK feed is about 20 KB."];
        }
        else
        {
            if (file is { Length: > 0 })
            {
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                json = await reader.ReadToEndAsync(cancellationToken);
            }

            problems = string.IsNullOrWhiteSpace(json)
                ? ["Choose the bank-holidays JSON file, or paste it."]
                : await holidays.ImportAsync(json, cancellationToken);
        }

        if (problems.Count == 0)
        {
            TempData["Success"] = "The bank holidays were imported: every deadline now counts working days with them.";
            return RedirectToAction(nameof(Index));
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(await holidays.PageAsync(json, problems, cancellationToken));
    }
}
