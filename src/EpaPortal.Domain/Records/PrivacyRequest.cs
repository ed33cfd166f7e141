namespace EpaPortal.Domain.Records;

/// <summary>The right a person asks to exercise (UK GDPR articles 16 and 17).</summary>
public enum PrivacyRequestKind
{
    /// <summary>Correct what is wrong or incomplete.</summary>
    Rectification,

    /// <summary>Erase what the portal no longer needs to keep.</summary>
    Erasure,
}

public enum PrivacyRequestStatus
{
    Open,
    Granted,
    PartlyGranted,
    Refused,
}

/// <summary>
/// A request from a person to correct or erase their data. An admin decides it once, with a reason; the
/// portal then carries out what was decided within the retention rules (anonymise, never break the
/// assessment record) and records what it did.
/// </summary>
public class PrivacyRequest
{
    public const int DetailsMaxLength = 4000;

    private PrivacyRequest()
    {
        UserId = RequesterName = Details = string.Empty;
    }

    public PrivacyRequest(string userId, string requesterName, PrivacyRequestKind kind, string details, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            throw new ArgumentException("Say what should be corrected or erased.", nameof(details));
        }

        UserId = userId;
        RequesterName = requesterName;
        Kind = kind;
        Details = details.Trim();
        CreatedAt = createdAt;
        Status = PrivacyRequestStatus.Open;
    }

    public int Id { get; private set; }

    /// <summary>The person who asked (their own account).</summary>
    public string UserId { get; private set; }

    /// <summary>Their name when they asked (kept for the admins' list).</summary>
    public string RequesterName { get; private set; }

    public PrivacyRequestKind Kind { get; private set; }

    /// <summary>What they asked for, in their words.</summary>
    public string Details { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public PrivacyRequestStatus Status { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The admin's reason (always given, and shown to the person).</summary>
    public string? DecisionReason { get; private set; }

    /// <summary>What the portal did, in words (shown to the person and the admins).</summary>
    public string? Outcome { get; private set; }

    public bool IsOpen => Status == PrivacyRequestStatus.Open;

    /// <summary>Records the decision; a request is decided once.</summary>
    public void Decide(PrivacyRequestStatus status, string reason, string outcome, string byId, string byName, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("This request has already been decided.");
        }

        if (status == PrivacyRequestStatus.Open)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A decision grants, partly grants or refuses.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A decision needs a reason.", nameof(reason));
        }

        Status = status;
        DecisionReason = reason.Trim();
        Outcome = outcome;
        DecidedById = byId;
        DecidedByName = byName;
        DecidedAt = at;
    }

    public static string Describe(PrivacyRequestKind kind) => kind switch
    {
        PrivacyRequestKind.Rectification => "Correction",
        PrivacyRequestKind.Erasure => "Erasure",
        _ => kind.ToString(),
    };

    public static string Describe(PrivacyRequestStatus status) => status switch
    {
        PrivacyRequestStatus.Open => "Waiting for a decision",
        PrivacyRequestStatus.Granted => "Granted",
        PrivacyRequestStatus.PartlyGranted => "Partly granted",
        PrivacyRequestStatus.Refused => "Refused",
        _ => status.ToString(),
    };
}
