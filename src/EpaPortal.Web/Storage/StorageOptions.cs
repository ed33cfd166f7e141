namespace EpaPortal.Web.Storage;

/// <summary>Which evidence store the portal uses (<c>Storage:Provider</c>).</summary>
public enum EvidenceStoreProvider
{
    /// <summary>A folder (<c>Storage:Root</c>): the embedded default; shared storage with several instances.</summary>
    FileSystem,

    /// <summary>An Azure Blob Storage container (<c>Storage:AzureBlob:*</c>).</summary>
    AzureBlob,
}

/// <summary>Where evidence files live and how long leftovers are kept before the sweep removes them.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public EvidenceStoreProvider Provider { get; set; } = EvidenceStoreProvider.FileSystem;

    /// <summary>The evidence folder, outside wwwroot; relative paths are under the content root (FileSystem only).</summary>
    public string Root { get; set; } = Path.Combine("App_Data", "evidence");

    public AzureBlobStorageOptions AzureBlob { get; set; } = new();

    /// <summary>
    /// Temporary files and files with no database row younger than this are left alone by the sweep: they
    /// may belong to an upload still running on this or another instance.
    /// </summary>
    public int SweepGraceMinutes { get; set; } = 60;

    /// <summary>How often the sweep runs after the one at start-up (0 = only at start-up).</summary>
    public int SweepIntervalMinutes { get; set; } = 360;
}

/// <summary>The blob container of <see cref="AzureBlobEvidenceStore"/> (<c>Storage:AzureBlob</c>).</summary>
public sealed class AzureBlobStorageOptions
{
    /// <summary>
    /// A storage connection string: an account key, or a SAS with read, add, create, write, delete and list
    /// permissions on the container. A secret: give it through the environment or a key vault, never in a file.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The container (3 to 63 lower-case letters, digits and hyphens).</summary>
    public string Container { get; set; } = "evidence";

    /// <summary>Create the container on first use when it is missing (needs account-level rights).</summary>
    public bool CreateContainer { get; set; } = true;

    /// <summary>
    /// Size of each block sent while an upload arrives. The portal holds two blocks per upload in memory
    /// (one being read while the previous one is sent); bench/run.sh measured a 200 MB upload growing the
    /// server by about 3.5 MB plus 4 × this (2 MB: about 12 MB; 4 MB: about 20 MB, over the 16 MB target).
    /// </summary>
    public int BlockMegabytes { get; set; } = 2;
}
