using EpaPortal.Domain.Access;
using EpaPortal.Domain.Messaging;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Messages;

/// <summary>
/// Case messages (issue 25, item 5; ADR 0031): one page per case for everyone who takes part (the apprentice, the employer,
/// the training provider, the organisation's admins; the allocated assessor for scheduling), authorized once as
/// <see cref="CaseOperation.Message"/>; the "Messages" page and the header's count for every signed-in person.
/// </summary>
public class MessagesController(CaseAuthorizer cases, MessagesService messages, IValidator<SendMessageInput> validator) : Controller
{
    [HttpGet("cases/{caseId:int}/messages")]
    public async Task<IActionResult> Thread(int caseId, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Message, cancellationToken);
        return access.Succeeded ? View(await messages.ThreadAsync(access.Case, null, cancellationToken)) : access.Refusal;
    }

    [HttpPost("cases/{caseId:int}/messages")]
    public async Task<IActionResult> Send(int caseId, [Bind(Prefix = nameof(ThreadViewModel.Send))] SendMessageInput input, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Message, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(ThreadViewModel.Send)}.{error.PropertyName}", error.ErrorMessage);
            }

            // Nothing was saved: the thread again, with what was typed.
            return View(nameof(Thread), await messages.ThreadAsync(access.Case, input, cancellationToken));
        }

        var outcome = await messages.SendAsync(access.Case, input.Topic!.Value, input.Body!.Trim(), input.ReadUpTo, cancellationToken);
        if (outcome == SendOutcome.Forbidden)
        {
            return Forbid();
        }

        TempData["Success"] = input.Topic == MessageTopic.Scheduling && !CaseMessaging.IsSchedulingOnly(access.Case.Relation)
            ? "Message sent. The others on this case, and the assessor, have been told by e-mail that there is a new message."
            : "Message sent. The others on this case have been told by e-mail that there is a new message.";
        return RedirectToAction(nameof(Thread), new { caseId });
    }

    /// <summary>Marks the thread read up to the newest message the page showed (posted by wwwroot/js/waiting.js, or the button).</summary>
    [HttpPost("cases/{caseId:int}/messages/read")]
    public async Task<IActionResult> MarkRead(int caseId, int upTo, CancellationToken cancellationToken)
    {
        var access = await cases.AuthorizeAsync(User, caseId, CaseOperation.Message, cancellationToken);
        if (!access.Succeeded)
        {
            return access.Refusal;
        }

        await messages.MarkReadAsync(caseId, upTo, cancellationToken);
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return Json(await messages.WaitingAsync(cancellationToken));
        }

        TempData["Success"] = "Messages marked as read.";
        return RedirectToAction(nameof(Thread), new { caseId });
    }

    /// <summary>The cases with messages waiting for the signed-in person.</summary>
    [HttpGet("messages")]
    public async Task<IActionResult> Inbox(CancellationToken cancellationToken) =>
        View(await messages.InboxAsync(cancellationToken));

    /// <summary>The header's count, as JSON: fetched after the page loads, so no page pays for it (one command).</summary>
    [HttpGet("messages/unread")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Unread(CancellationToken cancellationToken) =>
        Json(await messages.WaitingAsync(cancellationToken));
}
