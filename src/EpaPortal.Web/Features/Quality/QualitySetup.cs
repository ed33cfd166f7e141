namespace EpaPortal.Web.Features.Quality;

public static class QualitySetup
{
    /// <summary>Internal quality assurance: the queue, the QA case page and the <c>Quality</c> settings.</summary>
    public static IServiceCollection AddQualityFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QualityOptions>(configuration.GetSection(QualityOptions.Section));
        services.AddScoped<QualityService>();
        return services;
    }
}
