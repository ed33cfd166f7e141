using EpaPortal.Web.Security;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>/assessor/availability: the assessor's own weekly hours, leave, calendar and calendar feed.</summary>
[Authorize(Policy = Policies.Assessor)]
[Route("assessor/availability")]
public class AvailabilityController(
    AvailabilityService availability,
    IValidator<WeeklyHoursInput> hoursValidator,
    IValidator<LeaveInput> leaveValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await availability.PageAsync(null, null, null, cancellationToken));

    [HttpPost("hours")]
    public async Task<IActionResult> Hours([Bind(Prefix = "Hours")] WeeklyHoursInput input, CancellationToken cancellationToken)
    {
        var validation = await hoursValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var problems = await availability.SetHoursAsync(input, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "Your working hours were saved. Interviews are offered only within them.";
                return RedirectToAction(nameof(Index));
            }

            foreach (var problem in problems)
            {
                ModelState.AddModelError("Hours", problem);
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "Hours");
        }

        return Refused(await availability.PageAsync(input, null, null, cancellationToken));
    }

    [HttpPost("leave")]
    public async Task<IActionResult> Leave([Bind(Prefix = "NewLeave")] LeaveInput input, CancellationToken cancellationToken)
    {
        var validation = await leaveValidator.ValidateAsync(input, cancellationToken);
        if (validation.IsValid)
        {
            var problems = await availability.AddLeaveAsync(input, cancellationToken);
            if (problems.Count == 0)
            {
                TempData["Success"] = "Your leave was added: no interview will be offered on those days.";
                return RedirectToAction(nameof(Index));
            }

            foreach (var problem in problems)
            {
                ModelState.AddModelError("NewLeave", problem);
            }
        }
        else
        {
            validation.AddToModelState(ModelState, "NewLeave");
        }

        return Refused(await availability.PageAsync(null, input, null, cancellationToken));
    }

    [HttpPost("leave/remove")]
    public async Task<IActionResult> RemoveLeave(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        if (!await availability.RemoveLeaveAsync(firstDay, lastDay, cancellationToken))
        {
            return NotFound();
        }

        TempData["Success"] = "The leave was removed.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Issues a new feed address and shows it once (only its hash is kept).</summary>
    [HttpPost("feed")]
    public async Task<IActionResult> Feed(CancellationToken cancellationToken)
    {
        var url = await availability.IssueFeedAsync(cancellationToken);
        return View(nameof(Index), await availability.PageAsync(null, null, url, cancellationToken));
    }

    [HttpPost("feed/revoke")]
    public async Task<IActionResult> RevokeFeed(CancellationToken cancellationToken)
    {
        await availability.RevokeFeedAsync(cancellationToken);
        TempData["Success"] = "Your calendar feed address was revoked: calendars subscribed to it stop updating.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The page again with the problems and everything typed, as 400.</summary>
    private ViewResult Refused(object model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), model);
    }
}

/// <summary>/calendar/{token}.ics: an assessor's private calendar subscription. Calendar apps cannot sign in,
/// so the secret in the address is the credential; an unknown or revoked one gets 404. Rate-limited per client
/// address (429 with Retry-After), and the address is redacted from telemetry (<see cref="RedactedPath"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.CalendarFeed)]
public class CalendarFeedController(AvailabilityService availability) : Controller
{
    /// <summary>What telemetry records as the path of a feed request, in place of the secret.</summary>
    public const string RedactedPath = "/calendar/{redacted}.ics";

    /// <summary>Whether a request path is a calendar feed's (its last segment is the secret).</summary>
    public static bool IsFeedPath(PathString path) =>
        path.StartsWithSegments("/calendar", StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value is { Length: > 1 } value && value.EndsWith(".ics", StringComparison.OrdinalIgnoreCase);

    [HttpGet("calendar/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        if (await availability.FeedAsync(token, cancellationToken) is not { } feed)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return Content(feed, CalendarFeed.ContentType);
    }
}
