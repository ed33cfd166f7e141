namespace EpaPortal.Web.Features.Appeals;

public static class AppealsSetup
{
    /// <summary>Appeals: lodging (apprentice, employer), the independent reviewer, the decision and the re-assessment.</summary>
    public static IServiceCollection AddAppealsFeature(this IServiceCollection services)
    {
        services.AddScoped<AppealsService>();
        return services;
    }
}
