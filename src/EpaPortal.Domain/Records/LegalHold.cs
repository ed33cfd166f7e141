namespace EpaPortal.Domain.Records;

/// <summary>
/// A legal hold on a case (a claim, an investigation, a regulator's request): while it stands nothing of the
/// case, its apprentice or their account is removed by the retention schedule. Placed and lifted by admins,
/// with a reason, audited both ways.
/// </summary>
public class LegalHold
{
    private LegalHold()
    {
        Reason = PlacedById = PlacedByName = string.Empty;
    }

    public LegalHold(int caseId, string reason, string placedById, string placedByName, DateTimeOffset placedAt)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A legal hold needs a reason.", nameof(reason));
        }

        CaseId = caseId;
        Reason = reason.Trim();
        PlacedById = placedById;
        PlacedByName = placedByName;
        PlacedAt = placedAt;
    }

    /// <summary>The case held (one hold per case).</summary>
    public int CaseId { get; private set; }

    public string Reason { get; private set; }

    public string PlacedById { get; private set; }

    public string PlacedByName { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }
}
