namespace EpaPortal.Domain.Messaging;

/// <summary>
/// One message about a case, written by a person who takes part in its messages (<see cref="CaseMessaging"/>).
/// Free text typed by that person: nothing automatic ever writes into a message (no grade, no assessor's note).
/// The author's name and part in the case are kept as they were when sent.
/// </summary>
public class CaseMessage
{
    public const int MaxBodyLength = 4000;

    private CaseMessage()
    {
        AuthorName = AuthorRole = Body = string.Empty;
    }

    public CaseMessage(int caseId, string authorUserId, string authorName, string authorRole, MessageTopic topic, string body, DateTimeOffset sentAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        if (body.Length > MaxBodyLength)
        {
            throw new ArgumentOutOfRangeException(nameof(body), $"A message holds at most {MaxBodyLength} characters.");
        }

        CaseId = caseId;
        AuthorUserId = authorUserId;
        AuthorName = authorName;
        AuthorRole = authorRole;
        Topic = topic;
        Body = body;
        SentAt = sentAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    /// <summary>The author's account (null once the account has been anonymised).</summary>
    public string? AuthorUserId { get; private set; }

    public string AuthorName { get; private set; }

    /// <summary>The author's part in the case when they wrote it ("Apprentice", "Employer", ...).</summary>
    public string AuthorRole { get; private set; }

    public MessageTopic Topic { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset SentAt { get; private set; }
}

/// <summary>How far one person has read a case's messages: every message up to <see cref="LastReadMessageId"/> is read.</summary>
public class CaseMessageRead
{
    private CaseMessageRead()
    {
        UserId = string.Empty;
    }

    public CaseMessageRead(int caseId, string userId, int lastReadMessageId, DateTimeOffset readAt)
    {
        CaseId = caseId;
        UserId = userId;
        LastReadMessageId = lastReadMessageId;
        ReadAt = readAt;
    }

    public int CaseId { get; private set; }

    public string UserId { get; private set; }

    public int LastReadMessageId { get; private set; }

    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>Moves the marker forward (never back: an older page posted late changes nothing).</summary>
    public bool ReadUpTo(int messageId, DateTimeOffset at)
    {
        if (messageId <= LastReadMessageId)
        {
            return false;
        }

        LastReadMessageId = messageId;
        ReadAt = at;
        return true;
    }
}
