using System.IO.Compression;
using System.Text;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>
/// Real files on disk for the journeys to pick through the file input: a small well-formed PDF, a PNG image,
/// a Markdown note, a ZIP of source code, and a "PNG" that is really text (which the portal refuses).
/// </summary>
public static class JourneyFiles
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "journey-files");

    // A 1x1 PNG.
    private static readonly byte[] PngBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static string Pdf(string name, string text)
    {
        var content = $"BT /F1 12 Tf 72 720 Td ({text.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal)}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Write(name, Encoding.ASCII.GetBytes(pdf.ToString()));
    }

    public static string Png(string name) => Write(name, PngBytes);

    public static string Text(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    /// <summary>A file named .png whose content is plain text: the portal refuses it.</summary>
    public static string NotReallyPng(string name) => Write(name, Encoding.UTF8.GetBytes("This is a text note saved with the wrong extension.\n"));

    /// <summary>A ZIP of a tiny C# project.</summary>
    public static string SourceZip(string name)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "BookingComponent/Booking.cs", "namespace BookingComponent;\n\npublic sealed record Booking(string Room, DateOnly Day);\n");
            Add(zip, "BookingComponent/README.md", "# Booking component\n\nBook a room for a day.\n");
        }

        return Write(name, buffer.ToArray());
    }

    private static void Add(ZipArchive zip, string path, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path).Open());
        writer.Write(text);
    }

    private static string Write(string name, byte[] bytes)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
