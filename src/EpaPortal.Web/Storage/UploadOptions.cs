namespace EpaPortal.Web.Storage;

/// <summary>What an upload may be (settings under <c>Uploads</c>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";
    public const long Megabyte = 1024 * 1024;

    /// <summary>Allowed file extensions (without the dot), each checked against its signature.</summary>
    public IList<string> AllowedExtensions { get; set; } = [];

    public int MaxFileMegabytes { get; set; } = 100;

    /// <summary>Everything one case may store (portfolio evidence with earlier versions, project deliverables).</summary>
    public int QuotaMegabytesPerCase { get; set; } = 2048;

    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>ZIP of source code: the most its entries may expand to in total.</summary>
    public int ZipMaxUncompressedMegabytes { get; set; } = 500;

    /// <summary>ZIP of source code: the highest compression ratio of any entry and of the whole archive.</summary>
    public int ZipMaxCompressionRatio { get; set; } = 100;

    public int ZipMaxEntries { get; set; } = 10000;

    public long MaxFileBytes => MaxFileMegabytes * Megabyte;

    public long QuotaBytesPerCase => QuotaMegabytesPerCase * Megabyte;

    /// <summary>The request body limit of an upload action: a full batch plus room for the form fields.</summary>
    public long MaxRequestBytes => (MaxFileBytes * Math.Max(1, MaxFilesPerRequest)) + Megabyte;

    /// <summary>The allowed extensions in lower case; the defaults when the setting is empty.</summary>
    public IReadOnlySet<string> Extensions =>
        (AllowedExtensions.Count == 0 ? FileTypes.DefaultExtensions : (IEnumerable<string>)AllowedExtensions)
            .Select(e => e.Trim().TrimStart('.').ToLowerInvariant())
            .Where(e => e.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
}
