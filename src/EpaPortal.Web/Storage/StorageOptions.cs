namespace EpaPortal.Web.Storage;

/// <summary>Where evidence files live and how long leftovers are kept before the sweep removes them.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The evidence folder, outside wwwroot; relative paths are under the content root.</summary>
    public string Root { get; set; } = Path.Combine("App_Data", "evidence");

    /// <summary>
    /// Temporary files and files with no database row younger than this are left alone by the sweep: they
    /// may belong to an upload still running on this or another instance.
    /// </summary>
    public int SweepGraceMinutes { get; set; } = 60;

    /// <summary>How often the sweep runs after the one at start-up (0 = only at start-up).</summary>
    public int SweepIntervalMinutes { get; set; } = 360;
}
