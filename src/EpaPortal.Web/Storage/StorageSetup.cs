using Azure.Storage.Blobs;

namespace EpaPortal.Web.Storage;

public static class StorageSetup
{
    /// <summary>The evidence store chosen by <c>Storage:Provider</c>, the upload checks and the sweep of leftovers.</summary>
    public static IServiceCollection AddEvidenceStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.Section);
        services.Configure<StorageOptions>(section);
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        var storage = section.Get<StorageOptions>() ?? new StorageOptions();
        switch (storage.Provider)
        {
            case EvidenceStoreProvider.AzureBlob:
                var blob = storage.AzureBlob;
                if (string.IsNullOrWhiteSpace(blob.ConnectionString) || string.IsNullOrWhiteSpace(blob.Container))
                {
                    throw new InvalidOperationException("Storage:Provider is AzureBlob but Storage:AzureBlob:ConnectionString or Storage:AzureBlob:Container is not set.");
                }

                services.AddSingleton(_ => new BlobContainerClient(blob.ConnectionString, blob.Container));
                services.AddSingleton<IEvidenceStore, AzureBlobEvidenceStore>();
                break;
            default:
                services.AddSingleton<IEvidenceStore, FileSystemEvidenceStore>();
                break;
        }

        services.AddScoped<UploadReceiver>();
        services.AddScoped<StorageQuota>();

        // Virus scanning: the built-in test signature always; ClamAV (clamd) when Uploads:ClamAv is set.
        services.Configure<ClamAvOptions>(configuration.GetSection(ClamAvOptions.Section));
        services.AddSingleton<IMalwareScanner, TestSignatureScanner>();
        if (configuration.GetSection(ClamAvOptions.Section).Get<ClamAvOptions>() is { Enabled: true })
        {
            services.AddSingleton<IMalwareScanner, ClamAvScanner>();
        }
        services.AddScoped<EvidenceFileCommitter>();
        services.AddSingleton<EvidenceStoreSweeper>();
        services.AddHostedService<EvidenceStoreSweepService>();
        return services;
    }
}
