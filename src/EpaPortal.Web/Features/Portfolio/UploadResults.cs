using System.Text.Json;
using EpaPortal.Web.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>How upload actions answer: JSON for the script, post/redirect/get for the plain form.</summary>
public static class UploadResults
{
    private const string OutcomesKey = "UploadOutcomes";

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The JSON answer: 400 when nothing could be read, otherwise 200 with one outcome per file.</summary>
    public static IActionResult Json(UploadBatch batch)
    {
        var status = batch.Status is UploadBatchStatus.AntiforgeryFailed or UploadBatchStatus.NotMultipart ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return new JsonResult(new UploadResponse(batch.Outcomes, batch.Problem)) { StatusCode = status };
    }

    /// <summary>
    /// The plain form's answer when nothing could be read (no valid token before the files, or not a file
    /// upload form): a 400 page that says why and leads back to the form, never an empty 400.
    /// </summary>
    public static IActionResult RefusedPage(Controller controller, UploadBatch batch, string backUrl, string backText)
    {
        var view = controller.View("~/Features/Shared/UploadRefused.cshtml", new UploadRefusedViewModel(batch.Problem ?? UploadReceiver.NotVerifiedProblem, backUrl, backText));
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    public static void Keep(ITempDataDictionary tempData, IReadOnlyList<UploadOutcome> outcomes) =>
        tempData[OutcomesKey] = JsonSerializer.Serialize(outcomes);

    public static IReadOnlyList<UploadOutcome> Take(ITempDataDictionary tempData) =>
        tempData[OutcomesKey] is string json ? JsonSerializer.Deserialize<List<UploadOutcome>>(json) ?? [] : [];
}

/// <summary>Why an upload was refused as a whole, and the way back to its form.</summary>
public sealed record UploadRefusedViewModel(string Problem, string BackUrl, string BackText);
