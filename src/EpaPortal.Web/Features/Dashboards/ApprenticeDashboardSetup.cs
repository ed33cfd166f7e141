namespace EpaPortal.Web.Features.Dashboards;

public static class ApprenticeDashboardSetup
{
    public static IServiceCollection AddApprenticeDashboard(this IServiceCollection services) =>
        services.AddScoped<ApprenticeDashboardService>();
}
