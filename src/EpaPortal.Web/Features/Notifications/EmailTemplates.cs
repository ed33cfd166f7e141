using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Infrastructure;

namespace EpaPortal.Web.Features.Notifications;

/// <summary>
/// The wording of every notification. Each template takes only facts its recipient may see: names,
/// dates, places and a link. None accepts notes, questions, judgements, reasons or grades, so none can
/// leak them; the recipient signs in to read those where the portal's visibility rules apply.
/// </summary>
internal static class EmailTemplates
{
    public static EmailContent Invitation(string name, Uri link) =>
        new EmailBuilder("You have been invited to the EPA Portal")
            .Greeting(name)
            .Paragraph("Your assessment organisation has created an account for you on the end-point assessment portal. Choose a password to activate it.")
            .Action("Choose your password", link)
            .Paragraph("The link works once and expires. If it has expired, ask your assessment organisation to send a new invitation.")
            .Build();

    public static EmailContent PasswordReset(string name, Uri link) =>
        new EmailBuilder("Reset your EPA Portal password")
            .Greeting(name)
            .Paragraph("Someone asked to reset the password of your end-point assessment portal account. Choose a new password here:")
            .Action("Reset your password", link)
            .Paragraph("The link works once and expires. If you did not ask for this, ignore this e-mail: your password stays as it is.")
            .Build();

    public static EmailContent PasswordResetCode(string name, string code) =>
        new EmailBuilder("Your EPA Portal password reset code")
            .Greeting(name)
            .Paragraph("Someone asked to reset the password of your end-point assessment portal account. Use this code:")
            .Facts(("Code", code))
            .Paragraph("If you did not ask for this, ignore this e-mail: your password stays as it is.")
            .Build();

    public static EmailContent ConfirmEmail(string name, Uri link) =>
        new EmailBuilder("Confirm your e-mail address for the EPA Portal")
            .Greeting(name)
            .Paragraph("Please confirm this e-mail address for your end-point assessment portal account.")
            .Action("Confirm your e-mail address", link)
            .Paragraph("If you did not ask for this, ignore this e-mail.")
            .Build();

    public static EmailContent AccountChanged(string name, string what, DateTimeOffset at, Uri forgotPassword) =>
        new EmailBuilder("A change to your EPA Portal account")
            .Greeting(name)
            .Paragraph($"This is to let you know that {what} on your end-point assessment portal account on {UkTime.DateTime(at)}. Every other place where you were signed in has been signed out.")
            .Paragraph("If this was you, there is nothing more to do. If it was not you, reset your password straight away and tell your assessment organisation:")
            .Action("Reset your password", forgotPassword)
            .Build();

    public static EmailContent EmailChanged(string name, string newAddress, DateTimeOffset at, Uri undo) =>
        new EmailBuilder("The e-mail address of your EPA Portal account was changed")
            .Greeting(name)
            .Paragraph($"The e-mail address of your end-point assessment portal account was changed from this address to {newAddress} on {UkTime.DateTime(at)}.")
            .Paragraph("If this was you, there is nothing more to do. If it was not you, use this link: it puts this address back, signs everyone out of the account and asks you to choose a new password.")
            .Action("This was not me: put my address back", undo)
            .Paragraph("The link works for 14 days. After that, contact your assessment organisation.")
            .Build();

    public static EmailContent PortfolioSubmitted(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Action needed: confirm {apprentice}'s portfolio")
            .Greeting(name)
            .Paragraph($"{apprentice} has submitted their portfolio of evidence. As their employer, please confirm that it is their own work, or return it with a reason.")
            .Action("Review the portfolio", link)
            .Build();

    public static EmailContent GatewayCoSignRequested(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Action needed: co-sign the gateway for {apprentice}")
            .Greeting(name)
            .Paragraph($"The end-point assessment of {apprentice} has been registered with your organisation as their training provider. When they are ready, please co-sign the gateway in the portal; the employer then submits it with the evidence.")
            .Action("Open the case", link)
            .Build();

    public static EmailContent ReferenceRequested(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Action needed: employer reference for {apprentice}")
            .Greeting(name)
            .Paragraph($"Please write the employer reference for {apprentice}: describe, with real examples, how they work against each area of the standard. The reference is needed before the gateway.")
            .Action("Write the reference", link)
            .Build();

    public static EmailContent ReferenceReminder(string name, string apprentice, DateTimeOffset requestedAt, Uri link) =>
        new EmailBuilder($"Reminder: employer reference for {apprentice}")
            .Greeting(name)
            .Paragraph($"The employer reference for {apprentice}, requested on {UkTime.Date(requestedAt)}, has not been submitted yet. The gateway cannot go ahead without it.")
            .Action("Write the reference", link)
            .Build();

    public static EmailContent GatewaySubmitted(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Gateway to check: {apprentice}")
            .Greeting(name)
            .Paragraph($"The employer has submitted the gateway for {apprentice}. Please check it and approve or reject it.")
            .Action("Check the gateway", link)
            .Build();

    public static EmailContent GatewayApproved(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "Your gateway has been approved" : $"Gateway approved for {apprentice}")
            .Greeting(name)
            .Paragraph(toApprentice
                ? "Your gateway has been approved: your end-point assessment can now be planned. We will e-mail you when your project is scheduled."
                : $"The gateway for {apprentice} has been approved: the end-point assessment can now be planned.")
            .Action("Open the portal", link)
            .Build();

    public static EmailContent GatewayRejected(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "Your gateway needs changes" : $"Gateway returned for {apprentice}: changes needed")
            .Greeting(name)
            .Paragraph(toApprentice
                ? "The assessment organisation has returned your gateway. Your employer can see the reasons for each item in the portal and resubmit it."
                : $"The assessment organisation has returned the gateway for {apprentice}. Sign in to see the reasons for each item and resubmit it.")
            .Action("See what needs changing", link)
            .Build();

    public static EmailContent AssessorAllocated(string name, string apprentice, Uri link) =>
        new EmailBuilder($"New case allocated to you: {apprentice}")
            .Greeting(name)
            .Paragraph($"You have been allocated as the independent assessor for {apprentice}.")
            .Action("Open the case", link)
            .Build();

    public static EmailContent ProjectWindowOpening(string name, string apprentice, bool toApprentice, DateTimeOffset opensAt, DateTimeOffset closesAt, bool alreadyOpen, Uri link) =>
        new EmailBuilder(alreadyOpen
                ? (toApprentice ? "Your project window is open" : $"Project window open for {apprentice}")
                : (toApprentice ? $"Your project window opens on {UkTime.Date(opensAt)}" : $"Project window for {apprentice} opens on {UkTime.Date(opensAt)}"))
            .Greeting(name)
            .Paragraph(toApprentice
                ? "Your synoptic project is scheduled. You will do it away from your day-to-day work, within this window:"
                : $"The synoptic project for {apprentice} is scheduled. It is done away from day-to-day work, within this window:")
            .Facts(("Opens", UkTime.DateTime(opensAt) + " (UK time)"), ("Closes", UkTime.DateTime(closesAt) + " (UK time)"))
            .Paragraph("The project brief is shown in the portal only once the window has opened.")
            .Action("Open the project page", link)
            .Build();

    public static EmailContent InterviewBooked(string name, string apprentice, bool toApprentice, bool isReschedule, DateTimeOffset startsAt, int durationMinutes, InterviewMode mode, string location, Uri link)
    {
        var when = UkTime.DateTime(startsAt);
        var subject = (isReschedule, toApprentice) switch
        {
            (false, true) => $"Your end-point assessment interview: {when}",
            (false, false) => $"Interview booked for {apprentice}: {when}",
            (true, true) => $"Your interview has moved to {when}",
            (true, false) => $"Interview moved for {apprentice}: now {when}",
        };
        var intro = isReschedule
            ? "The end-point assessment interview has been moved. The new details are below, and the attached calendar invitation updates the event already in your calendar."
            : "The end-point assessment interview has been booked. The details are below, and a calendar invitation is attached.";
        return new EmailBuilder(subject)
            .Greeting(name)
            .Paragraph(intro)
            .Facts(
                ("Apprentice", apprentice),
                ("Starts", when + " (UK time)"),
                ("Length", durationMinutes.ToString(CultureInfo.InvariantCulture) + " minutes"),
                (mode == InterviewMode.VideoCall ? "Video call" : "Place", location))
            .Action("See the interview in the portal", link)
            .Build();
    }

    public static EmailContent ReadyForQa(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Case ready for quality assurance: {apprentice}")
            .Greeting(name)
            .Paragraph($"The assessor has graded the case of {apprentice}. It is waiting for internal quality assurance.")
            .Action("Open the quality assurance queue", link)
            .Build();

    public static EmailContent CaseReturnedByQa(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Case returned by quality assurance: {apprentice}")
            .Greeting(name)
            .Paragraph($"Quality assurance has returned the case of {apprentice} to you. Sign in to read the reasons and continue.")
            .Action("Open the case", link)
            .Build();

    public static EmailContent GradeModerated(string name, string apprentice, int caseId, Uri link) =>
        new EmailBuilder($"Grade moderated by quality assurance: {apprentice}")
            .Greeting(name)
            .Paragraph($"Quality assurance has moderated your grade of case {caseId.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({apprentice}). Sign in to the portal to see the moderated grade and the reason.")
            .Action("Open your judgement", link)
            .Build();

    /// <summary>A new case message (issue 25, item 5): never a word of it, nor who wrote it, only a link to read it after signing in.</summary>
    public static EmailContent CaseMessage(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "New message about your end-point assessment" : $"New message about the end-point assessment of {apprentice}")
            .Greeting(name)
            .Paragraph(toApprentice
                ? "You have a new message about your end-point assessment; sign in to read it."
                : $"You have a new message about the end-point assessment of {apprentice}; sign in to read it.")
            .Paragraph("To keep it private, the message is not in this e-mail.")
            .Action("Sign in to read the message", link)
            .Build();

    public static EmailContent ResultReleased(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "Your end-point assessment result is ready" : $"End-point assessment result ready for {apprentice}")
            .Greeting(name)
            .Paragraph(toApprentice
                ? "Your end-point assessment result and the assessor's feedback are ready."
                : $"The end-point assessment result and feedback for {apprentice} are ready.")
            .Paragraph("To keep it private, the result is not in this e-mail. Sign in to the portal to see it.")
            .Action("Sign in to see the result", link)
            .Build();

    /// <summary>To the training provider after a released Fail: the next step needs its agreement. The grade and feedback stay in the portal.</summary>
    public static EmailContent NextAttemptToAgree(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Re-sit or re-take to agree for {apprentice}")
            .Greeting(name)
            .Paragraph($"The end-point assessment result and feedback for {apprentice} are ready, and the next attempt needs your agreement: a re-sit, or a re-take with your supportive action plan.")
            .Paragraph("To keep it private, the result is not in this e-mail. Sign in to the portal to read it and record your agreement.")
            .Action("Sign in to agree the next attempt", link)
            .Build();

    public static EmailContent AppealReceivedAcknowledgement(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "We have received your appeal" : $"Appeal received for {apprentice}")
            .Greeting(name)
            .Paragraph(toApprentice
                ? "We have received the appeal against your end-point assessment result. A reviewer who had no part in your assessment will consider it, and we will e-mail you when it is decided."
                : $"We have received the appeal against the end-point assessment result of {apprentice}. A reviewer who had no part in the assessment will consider it, and we will e-mail you when it is decided.")
            .Action("See the appeal", link)
            .Build();

    public static EmailContent AppealReceivedForAdmin(string name, string apprentice, Uri link) =>
        new EmailBuilder($"Appeal lodged: {apprentice}")
            .Greeting(name)
            .Paragraph($"An appeal has been lodged against the released result of {apprentice}. It needs a reviewer who had no part in the case.")
            .Action("Open the appeal", link)
            .Build();

    public static EmailContent AppealDecided(string name, string apprentice, bool toApprentice, Uri link) =>
        new EmailBuilder(toApprentice ? "A decision has been made on your appeal" : $"A decision has been made on the appeal for {apprentice}")
            .Greeting(name)
            .Paragraph("The appeal has been decided. To keep it private, the decision is not in this e-mail. Sign in to read it and its reasons.")
            .Action("Sign in to read the decision", link)
            .Build();
}
