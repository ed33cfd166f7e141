namespace EpaPortal.Web.Features.Portfolio;

public static class PortfolioSetup
{
    public static IServiceCollection AddPortfolioFeature(this IServiceCollection services)
    {
        services.AddScoped<PortfolioService>();
        return services;
    }
}
