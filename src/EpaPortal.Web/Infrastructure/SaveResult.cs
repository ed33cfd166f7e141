namespace EpaPortal.Web.Infrastructure;

/// <summary>How saving a versioned form ended (the notes, the interview record, the judgement, the employer's reference).</summary>
public enum SaveStatus
{
    Saved,
    Refused,
    Conflict,
}

/// <summary>The outcome of saving a form: saved (with the new version), refused with problems, or a conflict.</summary>
public sealed record SaveResult(SaveStatus Status, IReadOnlyList<string> Problems, Guid? Version = null, DateTimeOffset? SavedAt = null)
{
    public static SaveResult Saved(Guid version, DateTimeOffset at) => new(SaveStatus.Saved, [], version, at);

    public static SaveResult Conflict { get; } = new(SaveStatus.Conflict, []);

    public static SaveResult Refused(params string[] problems) => new(SaveStatus.Refused, problems);

    public static SaveResult Refused(IEnumerable<string> problems) => new(SaveStatus.Refused, problems.ToList());
}
