using System.Text;
using EpaPortal.Web.Features.Results;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// The one way a list or a report becomes a download (issue 21): RFC 4180, UTF-8 without a byte-order mark, CRLF,
/// every cell through <see cref="Csv.Cell"/> (the results export's formula-injection guard).
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header.Select(Csv.Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Csv.Cell))).Append("\r\n");
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(csv.ToString());
    }

    /// <summary>The download of <paramref name="header"/> and <paramref name="rows"/> as <paramref name="fileName"/>.</summary>
    public static FileContentResult Download(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) =>
        new(Build(header, rows), ContentType) { FileDownloadName = fileName };
}
