namespace EpaPortal.Web.Features.Help;

public static class HelpSetup
{
    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSingleton<HelpGuides>();
}
