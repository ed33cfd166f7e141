namespace EpaPortal.Web.Storage;

/// <summary>A byte pattern to look for in a file, with or without ASCII letter case.</summary>
public sealed record ContentPattern(string Name, byte[] Bytes, bool IgnoreCase = false);

/// <summary>
/// Looks for byte patterns anywhere in a stream, reading it once in large blocks and keeping the last
/// bytes of each block so that a pattern split across two blocks is still found. Memory is one block,
/// whatever the file's size.
/// </summary>
public static class ContentSearch
{
    private const int BlockSize = 80 * 1024;

    /// <summary>The first pattern found, or null.</summary>
    public static ContentPattern? FindAny(Stream stream, IReadOnlyList<ContentPattern> patterns)
    {
        var searcher = new Searcher(patterns);
        var buffer = new byte[BlockSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (searcher.Feed(buffer.AsSpan(0, read)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Incremental search over blocks fed in order (used while inflating archive entries).</summary>
    public sealed class Searcher
    {
        private readonly IReadOnlyList<ContentPattern> _patterns;
        private readonly byte[][] _lowered;
        private readonly int _overlap;
        private byte[] _window = [];

        public Searcher(IReadOnlyList<ContentPattern> patterns)
        {
            _patterns = patterns;
            _lowered = patterns.Select(p => p.IgnoreCase ? Lower(p.Bytes) : p.Bytes).ToArray();
            _overlap = patterns.Count == 0 ? 0 : patterns.Max(p => p.Bytes.Length) - 1;
        }

        public ContentPattern? Feed(ReadOnlySpan<byte> block)
        {
            var window = new byte[_window.Length + block.Length];
            _window.CopyTo(window, 0);
            block.CopyTo(window.AsSpan(_window.Length));
            byte[]? lowered = null;
            for (var i = 0; i < _patterns.Count; i++)
            {
                var haystack = _patterns[i].IgnoreCase ? lowered ??= Lower(window) : window;
                if (haystack.AsSpan().IndexOf(_lowered[i]) >= 0)
                {
                    return _patterns[i];
                }
            }

            _window = window.AsSpan(Math.Max(0, window.Length - _overlap)).ToArray();
            return null;
        }

        private static byte[] Lower(ReadOnlySpan<byte> bytes)
        {
            var result = bytes.ToArray();
            for (var i = 0; i < result.Length; i++)
            {
                if (result[i] is >= (byte)'A' and <= (byte)'Z')
                {
                    result[i] = (byte)(result[i] + 32);
                }
            }

            return result;
        }
    }
}
