using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Organisations;

/// <summary>What an assessor's standardisation record proves (issue 21, item 6).</summary>
public enum AssessorRecordKind
{
    /// <summary>Occupational competence: current experience of the occupation the assessor assesses.</summary>
    OccupationalCompetence,

    /// <summary>Continuing professional development, in the occupation or in assessment.</summary>
    Cpd,
}

/// <summary>One occupational-competence or CPD record of an assessor, with the day it stops counting.</summary>
public class AssessorRecord
{
    public AssessorRecord(string assessorId, AssessorRecordKind kind, string title, DateOnly achievedOn, DateOnly expiresOn, string recordedById, DateTimeOffset recordedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assessorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (expiresOn <= achievedOn)
        {
            throw new ArgumentException("A record expires after the day it was achieved.", nameof(expiresOn));
        }

        AssessorId = assessorId;
        Kind = kind;
        Title = title.Trim();
        AchievedOn = achievedOn;
        ExpiresOn = expiresOn;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }

    public string AssessorId { get; private set; }

    public AssessorRecordKind Kind { get; private set; }

    public string Title { get; private set; }

    public DateOnly AchievedOn { get; private set; }

    /// <summary>The last day the record counts.</summary>
    public DateOnly ExpiresOn { get; private set; }

    public string RecordedById { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsLapsedOn(DateOnly day) => ExpiresOn < day;
}

/// <summary>
/// Whether an assessor's standardisation records are in date (issue 21, item 6): for each kind of record the
/// assessor has, the latest expiry counts; when it has passed, the record has lapsed and allocation warns.
/// A kind with no record at all is not warned about (the organisation may not record it).
/// </summary>
public static class AssessorStanding
{
    public static IReadOnlyList<string> Lapsed(IEnumerable<(AssessorRecordKind Kind, DateOnly ExpiresOn)> records, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .GroupBy(r => r.Kind)
            .Select(g => (Kind: g.Key, Latest: g.Max(r => r.ExpiresOn)))
            .Where(k => k.Latest < today)
            .OrderBy(k => k.Kind)
            .Select(k => $"{Label(k.Kind)} record lapsed on {DisplayNames.Date(k.Latest)}.")
            .ToList();
    }

    public static string Label(AssessorRecordKind kind) => kind switch
    {
        AssessorRecordKind.OccupationalCompetence => "Occupational competence",
        AssessorRecordKind.Cpd => "CPD",
        _ => kind.ToString(),
    };
}
