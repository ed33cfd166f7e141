namespace EpaPortal.Web.Features.Assessor;

public static class AssessorSetup
{
    /// <summary>The assessor's caseload, the case review and the project brief (and the pieces the
    /// Interviews and Grading features share: the case header, the standard outline, the evidence catalogue).</summary>
    public static IServiceCollection AddAssessorFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AssessorOptions>(configuration.GetSection(AssessorOptions.Section));
        services.AddScoped<CaseloadService>();
        services.AddScoped<ProjectBriefService>();
        services.AddScoped<EvidenceCatalogueService>();
        services.AddScoped<CaseReviewService>();
        return services;
    }
}
