using System.Buffers.Binary;
using System.IO.Compression;

namespace EpaPortal.Web.Storage;

/// <summary>The limits a ZIP must respect (from <see cref="UploadOptions"/>).</summary>
public sealed record ZipLimits(int MaxEntries, long MaxUncompressedBytes, int MaxCompressionRatio, bool AllowNestedArchives);

/// <summary>What the central directory of a ZIP says, or why the ZIP was refused.</summary>
public sealed record ZipReport(string? Problem, IReadOnlyList<string> EntryNames, long UncompressedBytes)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Reads a ZIP's central directory without extracting anything: entry count (first from the end record,
/// before any entry is read), names, claimed sizes and compression ratios. This is how zip bombs, nested
/// archives and unsafe paths are refused cheaply.
/// </summary>
public static class ZipInspector
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;

    private static readonly HashSet<string> ArchiveExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".jar", ".war", ".ear", ".apk", ".aar", ".nupkg", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2",
        ".tbz2", ".xz", ".txz", ".zst", ".lz", ".lzma", ".cab", ".iso", ".dmg", ".z", ".arj", ".lzh",
    };

    public static ZipReport Inspect(Stream seekable, ZipLimits limits)
    {
        var declared = DeclaredEntryCount(seekable);
        if (declared is null)
        {
            return Refused("is not a valid ZIP file (no central directory)");
        }

        if (declared > limits.MaxEntries)
        {
            return Refused($"has {declared:N0} entries; the most allowed is {limits.MaxEntries:N0}");
        }

        seekable.Position = 0;
        try
        {
            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            var names = new List<string>(archive.Entries.Count);
            long uncompressed = 0;
            long compressed = 0;
            foreach (var entry in archive.Entries)
            {
                names.Add(entry.FullName);
                if (IsUnsafePath(entry.FullName))
                {
                    return Refused($"contains an unsafe path ('{entry.FullName}')");
                }

                if (!limits.AllowNestedArchives && ArchiveExtensions.Contains(Path.GetExtension(entry.FullName)))
                {
                    return Refused($"contains another archive ('{entry.FullName}'); upload the files themselves");
                }

                if (entry.Length > 0 && (entry.CompressedLength == 0 || entry.Length / Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio))
                {
                    return Refused($"looks like a zip bomb: '{entry.FullName}' expands more than {limits.MaxCompressionRatio} times");
                }

                uncompressed += entry.Length;
                compressed += entry.CompressedLength;
                if (uncompressed > limits.MaxUncompressedBytes)
                {
                    return Refused($"expands to more than {limits.MaxUncompressedBytes / UploadOptions.Megabyte:N0} MB");
                }
            }

            if (compressed > 0 && uncompressed / compressed > limits.MaxCompressionRatio)
            {
                return Refused($"looks like a zip bomb: it expands more than {limits.MaxCompressionRatio} times");
            }

            return new ZipReport(null, names, uncompressed);
        }
        catch (InvalidDataException)
        {
            return Refused("is not a valid ZIP file");
        }
    }

    private static ZipReport Refused(string problem) => new(problem, [], 0);

    private static bool IsUnsafePath(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':', StringComparison.Ordinal)
        || name.Split('/', '\\').Any(segment => segment == "..");

    /// <summary>The entry count from the end-of-central-directory record (ZIP64 aware), or null.</summary>
    private static long? DeclaredEntryCount(Stream stream)
    {
        const int fixedLength = 22;
        if (stream.Length < fixedLength)
        {
            return null;
        }

        var tailLength = (int)Math.Min(stream.Length, fixedLength + ushort.MaxValue);
        var tail = new byte[tailLength];
        stream.Position = stream.Length - tailLength;
        stream.ReadExactly(tail);
        for (var i = tailLength - fixedLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory)
            {
                continue;
            }

            long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (entries != ushort.MaxValue)
            {
                return entries;
            }

            return Zip64EntryCount(stream, stream.Length - tailLength + i);
        }

        return null;
    }

    private static long? Zip64EntryCount(Stream stream, long endRecordPosition)
    {
        if (endRecordPosition < 20)
        {
            return null;
        }

        var locator = new byte[20];
        stream.Position = endRecordPosition - 20;
        stream.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64Locator)
        {
            return null;
        }

        var recordPosition = BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8));
        if (recordPosition < 0 || recordPosition > stream.Length - 56)
        {
            return null;
        }

        var record = new byte[56];
        stream.Position = recordPosition;
        stream.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndOfCentralDirectory
            ? BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32))
            : null;
    }
}
