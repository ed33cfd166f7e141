namespace EpaPortal.Domain.Organisations;

/// <summary>
/// A standardisation activity (issue 21, item 6): assessors of a standard version meet to agree how its
/// criteria are applied. Who attended and what was agreed are kept for the quality assurance of the
/// assessment organisation.
/// </summary>
public class StandardisationActivity
{
    public StandardisationActivity(DateOnly heldOn, int standardVersionId, IEnumerable<string> attendeeIds, string outcome, string recordedById, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(attendeeIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        var attendees = attendeeIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (attendees.Count == 0)
        {
            throw new ArgumentException("A standardisation activity has at least one attendee.", nameof(attendeeIds));
        }

        HeldOn = heldOn;
        StandardVersionId = standardVersionId;
        AttendeeIds = attendees;
        Outcome = outcome.Trim();
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    private StandardisationActivity()
    {
        Outcome = RecordedById = string.Empty;
    }

    public int Id { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public int StandardVersionId { get; private set; }

    /// <summary>The assessors (user ids) who attended.</summary>
    public List<string> AttendeeIds { get; private set; } = [];

    /// <summary>What was agreed.</summary>
    public string Outcome { get; private set; }

    public string RecordedById { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
}
