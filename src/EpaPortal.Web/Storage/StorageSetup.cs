namespace EpaPortal.Web.Storage;

public static class StorageSetup
{
    /// <summary>The evidence store, the upload checks and the start-up sweep of leftovers.</summary>
    public static IServiceCollection AddEvidenceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.AddSingleton<IEvidenceStore, FileSystemEvidenceStore>();
        services.AddScoped<UploadReceiver>();
        services.AddScoped<EvidenceFileCommitter>();
        services.AddSingleton<EvidenceStoreSweeper>();
        services.AddHostedService<EvidenceStoreSweepService>();
        return services;
    }
}
