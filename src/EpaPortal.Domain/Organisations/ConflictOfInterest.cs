namespace EpaPortal.Domain.Organisations;

/// <summary>
/// An assessor's declared conflict with an employer organisation. While it is in force the assessor
/// cannot be allocated that organisation's apprentices.
/// </summary>
public class ConflictOfInterest
{
    private ConflictOfInterest()
    {
        AssessorId = Reason = string.Empty;
    }

    public ConflictOfInterest(string assessorId, int organisationId, string reason, DateOnly from, DateOnly? to, DateTimeOffset declaredAt)
    {
        if (to is { } end && end < from)
        {
            throw new ArgumentException("A conflict cannot end before it starts.", nameof(to));
        }

        AssessorId = assessorId;
        OrganisationId = organisationId;
        Reason = reason;
        From = from;
        To = to;
        DeclaredAt = declaredAt;
    }

    public int Id { get; private set; }

    public string AssessorId { get; private set; }

    public int OrganisationId { get; private set; }

    public Organisation? Organisation { get; private set; }

    public string Reason { get; private set; }

    public DateOnly From { get; private set; }

    /// <summary>Null while open-ended.</summary>
    public DateOnly? To { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    /// <summary>The assessor ends the conflict: it is no longer in force after <paramref name="lastDay"/>.</summary>
    public void End(DateOnly lastDay)
    {
        if (lastDay < From)
        {
            throw new ArgumentException("A conflict cannot end before it starts.", nameof(lastDay));
        }

        To = lastDay;
    }

    public bool IsInForceOn(DateOnly day) => day >= From && (To is null || day <= To);
}
