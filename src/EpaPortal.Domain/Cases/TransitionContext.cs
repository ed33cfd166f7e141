using EpaPortal.Domain.Access;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Cases;

/// <summary>Everything one transition's guards and effects read.</summary>
internal sealed class TransitionContext(EpaCase epaCase, Actor actor, CaseRelation relation, CaseFacts? facts, string? reason, DateTimeOffset now, TimeZoneInfo zone)
{
    public EpaCase Case { get; } = epaCase;

    public Actor Actor { get; } = actor;

    public CaseRelation Relation { get; } = relation;

    /// <summary>Absent for operations that need only the case's parties (hold, portfolio confirmation).</summary>
    public CaseFacts Facts => facts ?? throw new InvalidOperationException("This operation was given no case facts.");

    public string? Reason { get; } = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    public DateTimeOffset Now { get; } = now;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Today in the portal's time zone (conflicts, time on programme, deadlines).</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime);

    public StandardSettings Settings => Facts.Settings;

    /// <summary>The moment in the portal's time zone, for messages.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);
}
