namespace EpaPortal.Web.Features.Assessor;

/// <summary>The kinds of stored file shown inside the portal instead of only downloaded.</summary>
public enum PreviewKind
{
    None,
    Image,
    Pdf,

    /// <summary>Plain text, shown as written (issue 25, item 6).</summary>
    Text,

    /// <summary>Markdown, rendered without any HTML of its own.</summary>
    Markdown,

    /// <summary>A ZIP archive: the list of its entries, never their contents.</summary>
    Zip,
}

/// <summary>
/// Which evidence can be previewed safely: PNG and JPEG images and PDF documents, recognised by their
/// bytes (never by the name or the type the uploader's browser claimed); text and Markdown (the upload checked
/// them as UTF-8 text) and ZIP archives (their entry list), rendered by the portal into a page served under the
/// strict preview policy. Everything else is download only.
/// </summary>
public static class EvidencePreview
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    public static bool IsPreviewable(string contentType) => KindOf(contentType) != PreviewKind.None;

    public static bool IsPreviewableName(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".pdf" or ".txt" or ".md" or ".zip";

    public static PreviewKind KindOf(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/png" or "image/jpeg" => PreviewKind.Image,
        "application/pdf" => PreviewKind.Pdf,
        "text/plain" => PreviewKind.Text,
        "text/markdown" => PreviewKind.Markdown,
        "application/zip" => PreviewKind.Zip,
        _ => PreviewKind.None,
    };

    /// <summary>Whether the portal renders the preview itself (text, Markdown, an archive's list) rather than serving the file's bytes.</summary>
    public static bool IsRendered(PreviewKind kind) => kind is PreviewKind.Text or PreviewKind.Markdown or PreviewKind.Zip;

    /// <summary>The content type to serve the bytes as, only when their signature matches a previewable type.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> header) =>
        header.StartsWith(PngMagic) ? "image/png"
        : header.StartsWith(JpegMagic) ? "image/jpeg"
        : header.StartsWith(PdfMagic) ? "application/pdf"
        : null;
}

public sealed record EvidencePreviewViewModel(Guid FileId, int CaseId, string FileName, PreviewKind Kind, string BackUrl);

/// <summary>A file's "Preview" link (Features/Shared/_PreviewLink.cshtml), shown only for the kinds the portal previews.</summary>
public sealed record PreviewLink(Guid FileId, string FileName);
