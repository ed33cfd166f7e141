using System.Text;

namespace EpaPortal.Web.Storage;

/// <summary>How the bytes of an allowed type are recognised.</summary>
public enum FileSignature
{
    Pdf,
    OleCompound,
    WordOpenXml,
    ExcelOpenXml,
    PowerPointOpenXml,
    Png,
    Jpeg,
    Utf8Text,
    SourceZip,
}

public sealed record FileType(string Extension, string ContentType, string Description, FileSignature Signature);

/// <summary>
/// The evidence file types the portal knows, with the content type it serves them as (never the one the
/// browser sent) and the signature their bytes must carry.
/// </summary>
public static class FileTypes
{
    public static readonly IReadOnlyList<string> DefaultExtensions =
        ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "png", "jpg", "jpeg", "txt", "md", "zip"];

    private static readonly Dictionary<string, FileType> Known = new FileType[]
    {
        new("pdf", "application/pdf", "PDF", FileSignature.Pdf),
        new("doc", "application/msword", "Word document", FileSignature.OleCompound),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document", FileSignature.WordOpenXml),
        new("xls", "application/vnd.ms-excel", "Excel workbook", FileSignature.OleCompound),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook", FileSignature.ExcelOpenXml),
        new("ppt", "application/vnd.ms-powerpoint", "PowerPoint presentation", FileSignature.OleCompound),
        new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint presentation", FileSignature.PowerPointOpenXml),
        new("png", "image/png", "PNG image", FileSignature.Png),
        new("jpg", "image/jpeg", "JPEG image", FileSignature.Jpeg),
        new("jpeg", "image/jpeg", "JPEG image", FileSignature.Jpeg),
        new("txt", "text/plain; charset=utf-8", "text file", FileSignature.Utf8Text),
        new("md", "text/markdown; charset=utf-8", "Markdown file", FileSignature.Utf8Text),
        new("zip", "application/zip", "ZIP of source code", FileSignature.SourceZip),
    }.ToDictionary(t => t.Extension, StringComparer.Ordinal);

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    // The EICAR anti-virus test file (eicar.org): harmless, but every scanner flags it. Split so this source file is not flagged itself.
    private static readonly byte[] EicarSignature = Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    /// <summary>The EICAR test signature, looked for anywhere in a file and in every entry of an archive.</summary>
    public static readonly ContentPattern Eicar = new("the EICAR anti-virus test signature", EicarSignature);

    /// <summary>
    /// What makes a document or image also something else (a polyglot): an ELF executable's header (magic,
    /// class, byte order, version: seven bytes, so random data practically never has it), or HTML that a
    /// browser or another reader would run. Found anywhere in the file, it is refused.
    /// </summary>
    private static readonly ContentPattern[] ExecutableMarkers =
        [.. from elfClass in new byte[] { 1, 2 } from order in new byte[] { 1, 2 } select new ContentPattern("an ELF executable", [0x7F, (byte)'E', (byte)'L', (byte)'F', elfClass, order, 1])];

    private static readonly ContentPattern[] HtmlMarkers =
        [.. new[] { "<html", "<script", "<!doctype html", "<iframe", "<body" }.Select(m => new ContentPattern("HTML", Encoding.ASCII.GetBytes(m), IgnoreCase: true))];

    public static FileType? Find(string extension) => Known.GetValueOrDefault(extension);

    /// <summary>The types an upload may have under the current settings, in the order above (unknown extensions are ignored).</summary>
    public static IReadOnlyList<FileType> Allowed(UploadOptions options) =>
        Known.Values.Where(t => options.Extensions.Contains(t.Extension)).ToList();

    /// <summary>The HTML accept attribute for a file input.</summary>
    public static string AcceptAttribute(UploadOptions options) => string.Join(',', Allowed(options).Select(t => "." + t.Extension));

    /// <summary>Checks the staged bytes really are of the claimed type. Returns the reason when not.</summary>
    public static string? CheckSignature(FileType type, StagedFile file, UploadOptions options)
    {
        var header = file.Header.Span;
        var wrong = $"does not look like a {type.Description} (its content does not match the .{type.Extension} extension)";
        switch (type.Signature)
        {
            case FileSignature.Pdf:
                return header.StartsWith(PdfMagic) ? CheckPolyglot(type, file) : wrong;
            case FileSignature.OleCompound:
                return header.StartsWith(OleMagic) ? CheckPolyglot(type, file) : wrong;
            case FileSignature.Png:
                return header.StartsWith(PngMagic) ? CheckPolyglot(type, file) : wrong;
            case FileSignature.Jpeg:
                return header.StartsWith(JpegMagic) ? CheckPolyglot(type, file) : wrong;
            case FileSignature.Utf8Text:
                return IsUtf8Text(file) ? null : $"is not a plain text file (it must be UTF-8 text with no binary content)";
            case FileSignature.WordOpenXml:
            case FileSignature.ExcelOpenXml:
            case FileSignature.PowerPointOpenXml:
            case FileSignature.SourceZip:
                return header.StartsWith(ZipMagic) ? CheckZip(type, file, options, wrong) : wrong;
            default:
                return wrong;
        }
    }

    /// <summary>A document or image that also holds an executable or HTML is refused, wherever in the file it is.</summary>
    private static string? CheckPolyglot(FileType type, StagedFile file)
    {
        using var stream = file.OpenRead();
        return ContentSearch.FindAny(stream, [.. ExecutableMarkers, .. HtmlMarkers]) is { } found
            ? $"is a {type.Description} that also contains {(found.Name == "HTML" ? "HTML" : found.Name)}, which is not accepted (save or export it again as a plain {type.Description})"
            : null;
    }

    private static string? CheckZip(FileType type, StagedFile file, UploadOptions options, string wrong)
    {
        var isSource = type.Signature == FileSignature.SourceZip;

        // Office files are ZIPs of XML that compress well: only source ZIPs get the ratio limit.
        var limits = new ZipLimits(
            options.ZipMaxEntries,
            options.ZipMaxUncompressedMegabytes * UploadOptions.Megabyte,
            isSource ? options.ZipMaxCompressionRatio : int.MaxValue,
            AllowNestedArchives: !isSource);
        using var stream = file.OpenRead();
        var report = ZipInspector.Inspect(stream, limits);
        if (!report.IsValid)
        {
            return isSource ? report.Problem : wrong;
        }

        var part = type.Signature switch
        {
            FileSignature.WordOpenXml => "word/document.xml",
            FileSignature.ExcelOpenXml => "xl/workbook.xml",
            FileSignature.PowerPointOpenXml => "ppt/presentation.xml",
            _ => null,
        };
        if (part is null)
        {
            return null;
        }

        var names = report.EntryNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Contains("[Content_Types].xml") && names.Contains(part) ? null : wrong;
    }

    private static bool IsUtf8Text(StagedFile file)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[81920];
        using var stream = file.OpenRead();
        int read;
        try
        {
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (chunk.Contains((byte)0))
                {
                    return false;
                }

                decoder.GetCharCount(chunk, flush: false);
            }

            decoder.GetCharCount([], flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
