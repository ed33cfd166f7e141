using EpaPortal.Domain.Access;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>Booking, moving and recording the interview (staff only; the assessor records it).</summary>
[Authorize(Policy = Policies.Staff)]
[Route("assessor/cases/{caseId:int}/interview")]
public class InterviewController(
    CaseAuthorizer cases,
    InterviewService interviews,
    IValidator<BookingInput> bookingValidator,
    IValidator<RecordInput> recordValidator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.ReadAssessment, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        return Page(await interviews.GetAsync(access.Case, null, null, conflict: false, cancellationToken));
    }

    [HttpPost("book")]
    public async Task<IActionResult> Book(int caseId, [FromForm] BookingInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ArrangeAssessment, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var header = access.Case;
        input.ApplySlot();

        if (await ValidAsync(bookingValidator, input, cancellationToken))
        {
            var result = await interviews.BookAsync(access.Snapshot!, header, input, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Success"] = "The interview is booked. The apprentice, the employer and you have been sent the details with a calendar invitation.";
                return RedirectToAction(nameof(Index), new { caseId });
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
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.ArrangeAssessment, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var header = access.Case;
        input.ApplySlot();

        var conflict = false;
        if (await ValidAsync(bookingValidator, input, cancellationToken))
        {
            var result = await interviews.RescheduleAsync(access.Snapshot!, header, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = "The interview has been moved. Everyone has been sent the new time (their calendar event is updated).";
                return RedirectToAction(nameof(Index), new { caseId });
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
        var access = await cases.AuthorizeWithFactsAsync(User, caseId, CaseOperation.Assess, forUpdate: true, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var header = access.Case;

        var conflict = false;
        if (await ValidAsync(recordValidator, input, cancellationToken))
        {
            var result = await interviews.RecordAsync(access.Snapshot!, header, input, cancellationToken);
            if (result.Status == SaveStatus.Saved)
            {
                TempData["Success"] = input.Complete
                    ? "The interview is recorded and marked completed. You can now record the final judgement."
                    : "The interview record is saved.";
                return input.Complete
                    ? RedirectToAction(nameof(Grading.JudgementController.Index), "Judgement", new { caseId })
                    : RedirectToAction(nameof(Index), new { caseId });
            }

            conflict = result.Status == SaveStatus.Conflict;
            if (conflict)
            {
                ModelState.Clear();
            }

            AddProblems(conflict ? [ConflictMessage] : result.Problems);
        }

        // A refused completion may have left the case where it was; show it as it is now.
        header = (await cases.AuthorizeAsync(User, caseId, CaseOperation.Assess, cancellationToken)).Case ?? header;
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
