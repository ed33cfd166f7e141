using EpaPortal.Web.Data.AuditTrail;

namespace EpaPortal.Web.Features.Records;

public static class RecordsSetup
{
    /// <summary>
    /// Records and privacy: the audit chain's verification, the retention schedule and its purge, legal holds,
    /// privacy requests and subject access exports, and their background jobs. A feature that adds personal data
    /// registers its <see cref="ISubjectDataExporter"/> here (docs/privacy.md).
    /// </summary>
    public static IServiceCollection AddRecordsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RecordsOptions>(configuration.GetSection(RecordsOptions.Section));
        services.AddScoped<AuditChainBackfill>();
        services.AddScoped<AuditTrailVerifier>();
        services.AddScoped<CaseDataRemoval>();
        services.AddScoped<PersonAnonymiser>();
        services.AddScoped<RetentionService>();
        services.AddScoped<RecordsAdminService>();
        services.AddScoped<PrivacyService>();
        services.AddScoped<PrivacyAdminService>();
        services.AddScoped<SubjectAccessExporter>();
        services.AddScoped<ISubjectDataExporter, AccountExporter>();
        services.AddScoped<ISubjectDataExporter, ApprenticeRecordExporter>();
        services.AddScoped<ISubjectDataExporter, CasesExporter>();
        services.AddScoped<ISubjectDataExporter, EvidenceExporter>();
        services.AddScoped<ISubjectDataExporter, ProjectExporter>();
        services.AddScoped<ISubjectDataExporter, ReferencesExporter>();
        services.AddScoped<ISubjectDataExporter, ResultsExporter>();
        services.AddScoped<ISubjectDataExporter, AppealsExporter>();
        services.AddScoped<ISubjectDataExporter, CaseMessagesExporter>();
        services.AddScoped<ISubjectDataExporter, InterviewsExporter>();
        services.AddScoped<ISubjectDataExporter, ConfidentialNotesExporter>();
        services.AddScoped<ISubjectDataExporter, AuditEntriesExporter>();
        services.AddScoped<ISubjectDataExporter, PrivacyRequestsExporter>();
        services.AddScoped<ISubjectDataExporter, EmailsExporter>();
        services.AddScoped<ISubjectDataExporter, AuthoredRecordsExporter>();
        services.AddSingleton<RecordsJobs>();
        if (configuration.GetValue(RecordsOptions.Section + ":" + nameof(RecordsOptions.JobsEnabled), true))
        {
            services.AddHostedService<RecordsJobsService>();
        }

        return services;
    }
}
