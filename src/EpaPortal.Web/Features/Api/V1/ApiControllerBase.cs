using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Api.V1;

/// <summary>
/// The base of the /api/v1 controllers: JSON in and out, problem details for every refusal, the per-client
/// rate limit. The scope policy is named on each action. (No [Produces]: it would force application/json onto the
/// problem details too, which are application/problem+json.)
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // Bearer tokens only (the policies name the ApiBearer scheme): no cookie authenticates a call, so there is nothing to forge.
[ServiceFilter(typeof(ApiRateLimitFilter))]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>400 with every field's problems, keyed by the JSON field names.</summary>
    protected ActionResult Invalid(ValidationResult validation)
    {
        var errors = validation.Errors
            .GroupBy(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return ValidationProblem(new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has problems",
            Detail = "Correct the fields named in errors and send it again.",
        });
    }

    protected ObjectResult Refused(int status, string detail) =>
        Problem(statusCode: status, title: status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Already there",
            StatusCodes.Status412PreconditionFailed => "Changed meanwhile",
            StatusCodes.Status428PreconditionRequired => "If-Match needed",
            _ => "Not possible",
        }, detail: detail);

    protected ObjectResult NotFoundProblem(string detail) => Refused(StatusCodes.Status404NotFound, detail);

    /// <summary>The page size asked for, or null when it is out of range.</summary>
    protected static int? Limit(int? limit) => limit switch
    {
        null => ApiCursor.DefaultLimit,
        >= 1 and <= ApiCursor.MaxLimit => limit,
        _ => null,
    };
}
