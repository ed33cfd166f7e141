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
/// Checks a ZIP in two passes. First its central directory, extracting nothing: entry count (from the end
/// record, before any entry is read), names, claimed sizes and compression ratios, so most zip bombs, nested
/// archives and unsafe paths are refused cheaply. Then every entry is inflated into a small buffer (never to
/// disk), counting the bytes that really come out against the same limits (an archive can lie about its
/// sizes) and searching them for the EICAR test signature.
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

            // The directory's sizes are the archive's own claims: inflate every entry, counting the bytes that
            // really come out against the same limits, and look for the test signature inside each.
            return Inflate(seekable, limits) is { } problem ? Refused(problem) : new ZipReport(null, names, uncompressed);
        }
        catch (InvalidDataException)
        {
            return Refused("is not a valid ZIP file");
        }
    }

    private static ZipReport Refused(string problem) => new(problem, [], 0);

    /// <summary>
    /// Inflates every entry with its own reader of the raw archive (not <see cref="ZipArchive"/>, which stops
    /// at the size an entry claims), so the bytes counted are the bytes any unzip tool would write.
    /// </summary>
    private static string? Inflate(Stream seekable, ZipLimits limits)
    {
        var buffer = new byte[81920];
        long total = 0;
        if (RawEntries(seekable) is not { } entries)
        {
            return "is a ZIP64 archive, which the portal cannot check; make an ordinary ZIP (under 4 GB and 65,535 files)";
        }

        foreach (var entry in entries)
        {
            if (entry.Name.EndsWith('/'))
            {
                continue;
            }

            if (entry.Method is not (0 or 8))
            {
                return $"uses a compression method the portal cannot check ('{entry.Name}'); save it again as an ordinary ZIP";
            }

            var searcher = new ContentSearch.Searcher([FileTypes.Eicar]);
            long inflated = 0;
            seekable.Position = entry.DataStart;
            var raw = new BoundedStream(seekable, Math.Min(entry.CompressedSize, seekable.Length - entry.DataStart));
            using var stream = entry.Method == 8 ? new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: true) : (Stream)raw;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                inflated += read;
                total += read;
                if (total > limits.MaxUncompressedBytes)
                {
                    return $"expands to more than {limits.MaxUncompressedBytes / UploadOptions.Megabyte:N0} MB";
                }

                if (inflated / Math.Max(1, entry.CompressedSize) > limits.MaxCompressionRatio)
                {
                    return $"looks like a zip bomb: '{entry.Name}' expands more than {limits.MaxCompressionRatio} times";
                }

                if (searcher.Feed(buffer.AsSpan(0, read)) is not null)
                {
                    return $"contains the EICAR anti-virus test signature (in '{entry.Name}') and is treated as malware";
                }
            }
        }

        return null;
    }

    private sealed record RawEntry(string Name, int Method, long CompressedSize, long DataStart);

    /// <summary>The entries as the central directory lists them, with where each one's data starts.</summary>
    private static List<RawEntry>? RawEntries(Stream stream)
    {
        var entries = new List<RawEntry>();
        var tailLength = (int)Math.Min(stream.Length, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        stream.Position = stream.Length - tailLength;
        stream.ReadExactly(tail);
        var end = -1;
        for (var i = tailLength - 22; i >= 0 && end < 0; i--)
        {
            end = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectory ? i : -1;
        }

        if (end < 0)
        {
            throw new InvalidDataException("No end of central directory.");
        }

        long directory = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        int count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        if (directory == uint.MaxValue || count == ushort.MaxValue)
        {
            return null;
        }

        var header = new byte[46];
        var local = new byte[30];
        for (var n = 0; n < count; n++)
        {
            stream.Position = directory;
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x02014b50)
            {
                throw new InvalidDataException("Broken central directory.");
            }

            int method = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10));
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(42));
            var name = new byte[nameLength];
            stream.ReadExactly(name);
            directory += 46 + nameLength + extraLength + commentLength;

            stream.Position = offset;
            stream.ReadExactly(local);
            if (BinaryPrimitives.ReadUInt32LittleEndian(local) != 0x04034b50)
            {
                throw new InvalidDataException("Broken local header.");
            }

            var dataStart = offset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
            entries.Add(new RawEntry(System.Text.Encoding.UTF8.GetString(name), method, compressed == uint.MaxValue ? stream.Length - dataStart : compressed, dataStart));
        }

        return entries;
    }

    /// <summary>At most <c>length</c> bytes of the underlying stream, from its current position.</summary>
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private long _left = Math.Max(0, length);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0)
            {
                return 0;
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

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
