using SQLitePCL;

namespace EpaPortal.Web.Data;

/// <summary>
/// Process-wide SQLite settings, applied once before the first connection opens. The bundled SQLite keeps
/// memory statistics, which takes one global mutex on every allocation it makes; with many requests
/// preparing statements at once, that mutex was the largest single cost of a page (bench/README.md).
/// SQLite's own documentation recommends turning the statistics off; the portal never reads them.
/// </summary>
public static class SqliteTuning
{
    private const int ConfigMemoryStatus = 9; // SQLITE_CONFIG_MEMSTATUS

    private static readonly Lazy<int> Result = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMemoryStatus, 0);
    });

    /// <summary>
    /// Applies the settings (once per process). True when they took effect; false when SQLite was already
    /// in use in this process (only possible in tests), in which case nothing changes.
    /// </summary>
    public static bool Apply() => Result.Value == raw.SQLITE_OK;
}
