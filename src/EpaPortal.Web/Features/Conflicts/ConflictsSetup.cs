namespace EpaPortal.Web.Features.Conflicts;

public static class ConflictsSetup
{
    public static IServiceCollection AddConflictsFeature(this IServiceCollection services) =>
        services.AddScoped<ConflictsService>();
}
