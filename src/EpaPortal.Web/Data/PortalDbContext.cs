using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EpaPortal.Web.Data;

/// <summary>The one EF Core context: Identity, the EPA domain and the data-protection key ring.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Standard> Standards => Set<Standard>();

    public DbSet<StandardVersion> StandardVersions => Set<StandardVersion>();

    public DbSet<Competency> Competencies => Set<Competency>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Apprentice> Apprentices => Set<Apprentice>();

    public DbSet<EpaCase> Cases => Set<EpaCase>();

    public DbSet<GatewaySubmission> GatewaySubmissions => Set<GatewaySubmission>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();

    public DbSet<ProjectSubmission> ProjectSubmissions => Set<ProjectSubmission>();

    public DbSet<EmployerReference> EmployerReferences => Set<EmployerReference>();

    public DbSet<Interview> Interviews => Set<Interview>();

    public DbSet<InterviewQuestion> InterviewQuestions => Set<InterviewQuestion>();

    public DbSet<AssessorNote> AssessorNotes => Set<AssessorNote>();

    public DbSet<Judgement> Judgements => Set<Judgement>();

    public DbSet<GradeDecision> GradeDecisions => Set<GradeDecision>();

    public DbSet<ConflictOfInterest> ConflictsOfInterest => Set<ConflictOfInterest>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>E-mails waiting to be sent (infrastructure, see Features/Notifications).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>The epochs of shared data and of case states (see <see cref="ChangeStamps"/>).</summary>
    public DbSet<DataEpoch> DataEpochs => Set<DataEpoch>();

    /// <summary>Claims of the background jobs that run once across all instances (see <c>Infrastructure/Jobs</c>).</summary>
    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    /// <summary>The API's clients and token keys, webhook subscriptions and deliveries, and national-service submissions (see Features/Api).</summary>
    public DbSet<Features.Api.Clients.ApiClient> ApiClients => Set<Features.Api.Clients.ApiClient>();

    public DbSet<Features.Api.Clients.ApiSigningKey> ApiSigningKeys => Set<Features.Api.Clients.ApiSigningKey>();

    public DbSet<Features.Api.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Api.Webhooks.WebhookSubscription>();

    public DbSet<Features.Api.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Api.Webhooks.WebhookDelivery>();

    public DbSet<Features.Api.National.NationalSubmission> NationalSubmissions => Set<Features.Api.National.NationalSubmission>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in the database and safe to reorder in code.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);

        if (Database.IsSqlite())
        {
            // SQLite has no DateTimeOffset type; store UTC ticks so ORDER BY and comparisons run in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveAsync(acceptAllChangesOnSuccess, async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveAsync(acceptAllChangesOnSuccess, async: true, cancellationToken);

    /// <summary>
    /// Saves, and in the same transaction gives every case the save touched a fresh change stamp (see
    /// <see cref="ChangeStamps"/>), so a cached case page is never older than the data it shows, on any
    /// instance. With <paramref name="async"/> false every step completes synchronously.
    /// </summary>
#pragma warning disable CA1849 // One path for SaveChanges and SaveChangesAsync: the sync calls run only when async is false.
    private async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, bool async, CancellationToken cancellationToken)
    {
        var transitions = PrepareForSave();
        var stamps = ChangeStamps.Collect(ChangeTracker);
        if (!stamps.NeedsStamping)
        {
            var count = async
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : base.SaveChanges(acceptAllChangesOnSuccess);
            RecordTransitions(transitions);
            return count;
        }

        var own = Database.CurrentTransaction is not null ? null
            : async ? await Database.BeginTransactionAsync(cancellationToken) : Database.BeginTransaction();
        try
        {
            var saved = async
                ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                : base.SaveChanges(acceptAllChangesOnSuccess);
            await stamps.ApplyAsync(this, async, cancellationToken);
            if (own is not null)
            {
                if (async)
                {
                    await own.CommitAsync(cancellationToken);
                }
                else
                {
                    own.Commit();
                }
            }

            RecordTransitions(transitions);
            return saved;
        }
        finally
        {
            own?.Dispose();
        }
    }
#pragma warning restore CA1849

    /// <summary>Checks and versions what is about to be saved; returns the case state changes in it (for the metrics).</summary>
    private List<(CaseState From, CaseState To)>? PrepareForSave()
    {
        List<(CaseState From, CaseState To)>? transitions = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is EpaCase && entry.State == EntityState.Modified && entry.Property(nameof(EpaCase.State)) is { IsModified: true } state
                && state.OriginalValue is CaseState from && state.CurrentValue is CaseState to && from != to)
            {
                (transitions ??= []).Add((from, to));
            }

            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
            }

            // A fresh version on every save makes a stale edit fail its concurrency check on both providers.
            if (entry.Entity is IVersioned versioned && entry.State is EntityState.Added or EntityState.Modified)
            {
                versioned.Version = Guid.NewGuid();
            }
        }

        return transitions;
    }

    /// <summary>Counts saved case transitions (<c>epaportal.case.transitions</c>), after a successful save.</summary>
    private static void RecordTransitions(List<(CaseState From, CaseState To)>? transitions)
    {
        if (transitions is null)
        {
            return;
        }

        foreach (var (from, to) in transitions)
        {
            Infrastructure.PortalTelemetry.CaseTransition(from.ToString(), to.ToString());
        }
    }
}
