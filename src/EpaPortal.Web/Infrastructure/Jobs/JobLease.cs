namespace EpaPortal.Web.Infrastructure.Jobs;

/// <summary>
/// One row per background job that must run once across all instances (the evidence sweep, the outbox
/// housekeeping). An instance runs the job only after claiming the row with one conditional UPDATE: due
/// (<see cref="NextRunAt"/> passed) and not held (<see cref="HeldUntil"/> empty or passed). See
/// <see cref="JobLeases"/> and docs/decisions/0010-job-leases.md.
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    private JobLease()
    {
        Name = string.Empty;
    }

    public JobLease(string name, string heldBy, DateTimeOffset heldUntil, DateTimeOffset nextRunAt, DateTimeOffset lastRunAt)
    {
        Name = name;
        HeldBy = heldBy;
        HeldUntil = heldUntil;
        NextRunAt = nextRunAt;
        LastRunAt = lastRunAt;
    }

    /// <summary>The job (<see cref="JobNames"/>): the key.</summary>
    public string Name { get; private set; }

    /// <summary>The instance that ran it last (machine/process/random), kept after release for operators.</summary>
    public string? HeldBy { get; private set; }

    /// <summary>Set while a run is in progress; a run that outlives it (a crashed instance) is given up.</summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    /// <summary>No instance starts the job again before this.</summary>
    public DateTimeOffset NextRunAt { get; private set; }

    public DateTimeOffset? LastRunAt { get; private set; }
}

/// <summary>The jobs that take a lease.</summary>
public static class JobNames
{
    public const string EvidenceSweep = "evidence-sweep";
    public const string OutboxHousekeeping = "outbox-housekeeping";
}
