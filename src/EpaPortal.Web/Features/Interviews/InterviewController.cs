using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>Booking, moving and recording the interview (staff only; the assessor records it).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/interview")]
public class InterviewController(
    AssessorCases cases,
    InterviewService interviews,
    IValidator<BookingInput> bookingValidator,
    IValidator<RecordInput> recordValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        return Page(await interviews.GetAsync(header, null, null, conflict: false, cancellationToken));
    }

    [HttpPost("book")]
    public async Task<IActionResult> Book(int caseId, [FromForm] BookingInput input, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor && !header.IsAdmin)
        {
            return Forbid();
        }

        if (await ValidAsync(bookingValidator, input, cancellationToken))
        {
            var result = await interviews.BookAsync(header, input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "The interview is booked. The apprentice, the employer and you have been sent the details with a calendar invitation.";
                return Redirect($"/assessor/cases/{caseId}/interview");
            }

            if (result.NotFound)
            {
                return NotFound();
            }

            AddProblems(result.Problems);
        }

        return Page(await interviews.GetAsync(header, input, null, conflict: false, cancellationToken), StatusCodes.Status400BadRequest);
    }

    [HttpPost("reschedule")]
    public async Task<IActionResult> Reschedule(int caseId, [FromForm] BookingInput input, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor && !header.IsAdmin)
        {
            return Forbid();
        }

        var conflict = false;
        if (await ValidAsync(bookingValidator, input, cancellationToken))
        {
            var result = await interviews.RescheduleAsync(header, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = "The interview has been moved. Everyone has been sent the new time (their calendar event is updated).";
                return Redirect($"/assessor/cases/{caseId}/interview");
            }

            conflict = result.Status == SaveStatus.Conflict;
            AddProblems(conflict ? [ConflictMessage] : result.Problems);
        }

        var model = await interviews.GetAsync(header, input, null, conflict: false, cancellationToken);
        if (conflict)
        {
            // Keep what was typed; the next save is made knowingly over the newer booking shown above it.
            ModelState.Remove(nameof(BookingInput.Version));
            input.Version = model.Booking?.Version;
        }

        return Page(model, conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    [HttpPost("record")]
    public async Task<IActionResult> Record(int caseId, [FromForm] RecordInput input, CancellationToken cancellationToken)
    {
        if (await cases.GetAsync(caseId, cancellationToken) is not { } header)
        {
            return NotFound();
        }

        if (!header.IsAllocatedAssessor)
        {
            return Forbid();
        }

        var conflict = false;
        if (await ValidAsync(recordValidator, input, cancellationToken))
        {
            var result = await interviews.RecordAsync(header, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = input.Complete
                    ? "The interview is recorded and marked completed. You can now record the final judgement."
                    : "The interview record is saved.";
                return Redirect(input.Complete ? $"/assessor/cases/{caseId}/judgement" : $"/assessor/cases/{caseId}/interview");
            }

            conflict = result.Status == SaveStatus.Conflict;
            if (conflict)
            {
                ModelState.Clear();
            }

            AddProblems(conflict ? [ConflictMessage] : result.Problems);
        }

        // A refused completion may have left the case where it was; show it as it is now.
        header = await cases.GetAsync(caseId, cancellationToken) ?? header;
        return Page(await interviews.GetAsync(header, null, input, conflict, cancellationToken), conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    public const string ConflictMessage = "Your changes were not saved: the interview was changed (in another tab or by someone else) after you opened this page. What you typed is still on the form and the newer saved record is shown; check it, then save again to keep your version.";

    private ViewResult Page(InterviewViewModel model, int status = StatusCodes.Status200OK)
    {
        ViewData["Tab"] = "interview";
        Response.StatusCode = status;
        return View("Index", model);
    }

    private void AddProblems(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            ModelState.AddModelError(string.Empty, problem);
        }
    }

    private async Task<bool> ValidAsync<T>(IValidator<T> validator, T input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        return validation.IsValid;
    }
}
