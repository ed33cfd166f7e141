using EpaPortal.Domain.Records;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data;

/// <summary>Records and privacy (issue 22): the audit chain's head, legal holds, the retention schedule and its
/// reports, subject access exports, privacy requests and verification runs. The chain itself is sealed by
/// <see cref="AuditChainInterceptor"/>, registered with the context's options.</summary>
public partial class PortalDbContext
{
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<AuditVerification> AuditVerifications => Set<AuditVerification>();

    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    public DbSet<RetentionSetting> RetentionSettings => Set<RetentionSetting>();

    public DbSet<RetentionReport> RetentionReports => Set<RetentionReport>();

    public DbSet<RetentionReportItem> RetentionReportItems => Set<RetentionReportItem>();

    public DbSet<SubjectAccessExport> SubjectAccessExports => Set<SubjectAccessExport>();

    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
}
