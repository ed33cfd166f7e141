using EpaPortal.Domain.Cases;
using EpaPortal.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EpaPortal.Web.Features.Portfolio;

public static class PortfolioSetup
{
    public static IServiceCollection AddPortfolioFeature(this IServiceCollection services)
    {
        services.TryAddScoped<CaseAccessService>();
        services.AddScoped<PortfolioService>();
        services.TryAddSingleton(sp => new CaseWorkflow(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
