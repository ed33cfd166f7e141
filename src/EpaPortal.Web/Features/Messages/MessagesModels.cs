using EpaPortal.Domain.Messaging;
using FluentValidation;

namespace EpaPortal.Web.Features.Messages;

/// <summary>One message as its readers see it.</summary>
public sealed record MessageView(int Id, string AuthorName, string AuthorRole, bool Scheduling, string Body, string SentAt, bool IsUnread, bool IsOwn);

/// <summary>The case's messages page: the thread (newest first) and the form to send one.</summary>
public sealed record ThreadViewModel(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    string CaseLinkText,
    bool SchedulingOnly,
    bool HasProvider,
    IReadOnlyList<MessageView> Messages,
    int UnreadCount,
    int LatestMessageId,
    bool Truncated)
{
    public SendMessageInput Send { get; init; } = new();
}

/// <summary>What a person types to send a message.</summary>
public sealed class SendMessageInput
{
    public MessageTopic? Topic { get; set; }

    public string? Body { get; set; }

    /// <summary>The newest message the page showed: sending marks the thread read up to it.</summary>
    public int ReadUpTo { get; set; }
}

public sealed class SendMessageInputValidator : AbstractValidator<SendMessageInput>
{
    public SendMessageInputValidator()
    {
        RuleFor(x => x.Body)
            .Must(body => !string.IsNullOrWhiteSpace(body)).WithMessage("Enter your message.")
            .MaximumLength(CaseMessage.MaxBodyLength).WithMessage($"Keep your message to {CaseMessage.MaxBodyLength:N0} characters: it is longer. Send the rest in a second message.");
        RuleFor(x => x.Topic)
            .NotNull().WithMessage("Choose what the message is about: the assessment in general, or arranging dates and times.")
            .IsInEnum().WithMessage("Choose what the message is about: the assessment in general, or arranging dates and times.");
        RuleFor(x => x.ReadUpTo).GreaterThanOrEqualTo(0);
    }
}

/// <summary>One case with messages the signed-in person has not read.</summary>
public sealed record InboxRow(int CaseId, string ApprenticeName, string OrganisationName, int Unread, string LatestAt);

/// <summary>The "Messages" page: the cases with messages waiting for the signed-in person.</summary>
public sealed record InboxViewModel(IReadOnlyList<InboxRow> Cases, int TotalUnread, bool Truncated);

/// <summary>The header's count (issue 25, item 5), fetched by wwwroot/js/waiting.js after the page loads.</summary>
public sealed record WaitingCount(int Unread, string Text);
