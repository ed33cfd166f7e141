namespace EpaPortal.Web.Features.Project;

public static class ProjectSetup
{
    public static IServiceCollection AddProjectFeature(this IServiceCollection services) =>
        services.AddScoped<ProjectService>();
}
