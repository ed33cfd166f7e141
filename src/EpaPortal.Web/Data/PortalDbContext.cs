using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data.Configurations;
using EpaPortal.Web.Features.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EpaPortal.Web.Data;

/// <summary>The one EF Core context: Identity, the EPA domain and the data-protection key ring.</summary>
public partial class PortalDbContext(DbContextOptions<PortalDbContext> options)
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

    public DbSet<AssessorRecord> AssessorRecords => Set<AssessorRecord>();

    public DbSet<StandardisationActivity> StandardisationActivities => Set<StandardisationActivity>();

    public DbSet<Domain.Grading.SamplingPlan> SamplingPlans => Set<Domain.Grading.SamplingPlan>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>E-mails waiting to be sent (infrastructure, see Features/Notifications).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Claims of the background jobs that run once across all instances (see <c>Infrastructure/Jobs</c>).</summary>
    public DbSet<Infrastructure.Jobs.JobLease> JobLeases => Set<Infrastructure.Jobs.JobLease>();

    /// <summary>Copies of the GOV.UK bank-holidays feed imported by admins; the latest is in use.</summary>
    public DbSet<Features.Scheduling.BankHolidayFeed> BankHolidayFeeds => Set<Features.Scheduling.BankHolidayFeed>();

    /// <summary>The API's clients and token keys, webhook subscriptions and deliveries, and national-service submissions (see Features/Api).</summary>
    public DbSet<Features.Api.Clients.ApiClient> ApiClients => Set<Features.Api.Clients.ApiClient>();

    public DbSet<Features.Api.Clients.ApiSigningKey> ApiSigningKeys => Set<Features.Api.Clients.ApiSigningKey>();

    public DbSet<Features.Api.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Api.Webhooks.WebhookSubscription>();

    public DbSet<Features.Api.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Api.Webhooks.WebhookDelivery>();

    public DbSet<Features.Api.National.NationalSubmission> NationalSubmissions => Set<Features.Api.National.NationalSubmission>();

    /// <summary>Assessors' availability (weekly hours, leave) and calendar feed secrets (hashed).</summary>
    public DbSet<Domain.Scheduling.AssessorDiary> AssessorDiaries => Set<Domain.Scheduling.AssessorDiary>();

    /// <summary>The reasonable adjustments register.</summary>
    public DbSet<Domain.Adjustments.ReasonableAdjustment> ReasonableAdjustments => Set<Domain.Adjustments.ReasonableAdjustment>();

    /// <summary>Messages about a case between its parties and the assessment organisation (issue 25, item 5).</summary>
    public DbSet<Domain.Messaging.CaseMessage> CaseMessages => Set<Domain.Messaging.CaseMessage>();

    /// <summary>How far each person has read each case's messages (their unread count).</summary>
    public DbSet<Domain.Messaging.CaseMessageRead> CaseMessageReads => Set<Domain.Messaging.CaseMessageRead>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The case table's index filters are SQL, so its configuration is given the provider.
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly, type => type != typeof(EpaCaseConfiguration));
        builder.ApplyConfiguration(new EpaCaseConfiguration(Database.IsSqlServer()));
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

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var transitions = PrepareForSave();
        int saved;
        try
        {
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateConcurrencyException)
        {
            AuditTrail.AuditChainInterceptor.EndAfterConflict(this);
            throw;
        }

        RecordTransitions(transitions);
        return saved;
    }

    /// <summary>Saves everything in one transaction (the provider's own, unless the caller holds one).</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var transitions = PrepareForSave();
        int saved;
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of a conflicting save may stay in its transaction (see AuditChainInterceptor.EndAfterConflict).
            await AuditTrail.AuditChainInterceptor.EndAfterConflictAsync(this);
            throw;
        }

        RecordTransitions(transitions);
        return saved;
    }

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
