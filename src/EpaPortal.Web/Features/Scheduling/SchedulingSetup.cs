namespace EpaPortal.Web.Features.Scheduling;

public static class SchedulingSetup
{
    /// <summary>The bank holidays in use (embedded or imported) and their admin page.</summary>
    public static IServiceCollection AddSchedulingFeature(this IServiceCollection services)
    {
        services.AddSingleton<BankHolidaySource>();
        services.AddHostedService<BankHolidayRefresher>();
        services.AddScoped<BankHolidaysService>();
        services.AddScoped<BookingDiary>();
        services.AddScoped<AvailabilityService>();
        return services;
    }
}
