using System.Globalization;
using System.Text;
using EpaPortal.Domain.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EpaPortal.Web.Storage;

/// <summary>A file that passed every check, staged and waiting for the feature to commit it.</summary>
public sealed record AcceptedFile(string FileName, FileType Type, StagedFile Staged);

/// <summary>What happened to one file of an upload request.</summary>
public sealed record UploadOutcome(string FileName, bool Accepted, string Message, int? ItemId = null, string? Url = null)
{
    public static UploadOutcome Refused(string fileName, string reason) => new(fileName, false, $"{fileName} was not uploaded: it {reason}.");
}

public enum UploadBatchStatus
{
    /// <summary>The request was read to the end (each file has its own outcome).</summary>
    Complete,

    /// <summary>Not a multipart/form-data request.</summary>
    NotMultipart,

    /// <summary>No valid antiforgery token before the first file: no file was read or stored.</summary>
    AntiforgeryFailed,

    /// <summary>The request stopped early (too large or the connection dropped): files before that keep their outcome.</summary>
    Interrupted,
}

/// <summary>How an upload request proves it is meant: the antiforgery token of a signed-in person's form, or an API
/// client's bearer token (no cookie is involved, so there is nothing to forge).</summary>
public enum UploadAuthentication
{
    Antiforgery,
    BearerToken,
}

public sealed record UploadBatch(UploadBatchStatus Status, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<UploadOutcome> Outcomes, string? Problem = null);

/// <summary>What the feature decides for each file: refuse it before its bytes are read, and accept it.</summary>
public interface IUploadTarget
{
    /// <summary>The case whose quota the files count against.</summary>
    int CaseId { get; }

    /// <summary>Bytes the case may still store.</summary>
    long RemainingQuotaBytes { get; }

    /// <summary>Checked before each file's bytes are read (e.g. missing details, window closed): a reason, or null.</summary>
    string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields);

    /// <summary>Commits the file (store, then database row) and says what happened.</summary>
    Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);
}

/// <summary>
/// Reads a multipart upload as a stream, one section at a time: form fields are collected as they come,
/// each file is streamed to the evidence store (never buffered whole in memory), checked (name, type,
/// size, quota, signature) and handed to the feature. One refused file never stops the others.
/// </summary>
/// <remarks>
/// Antiforgery: the global filter would read (and buffer) the whole form to find the token, so upload
/// actions opt out of it and this class validates the token itself before any file is read: from the
/// request header (the script sends it there) or from the token field anywhere among the form fields
/// before the first file (the views put it first). Fields read before the token are held, unused, until
/// it checks out; a file that comes before any token refuses the whole request, with a message.
/// </remarks>
public sealed class UploadReceiver(
    IEvidenceStore store,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    IOptions<UploadOptions> uploadOptions,
    StorageQuota quota,
    IEnumerable<IMalwareScanner> scanners,
    ILogger<UploadReceiver> logger)
{
    private const int MaxFieldChars = FieldLengths.LongText;

    /// <summary>More text fields than any upload form has: a request with more is refused.</summary>
    private const int MaxFields = 100;

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    public const string NotVerifiedProblem = "The upload could not be verified (its security token was missing or out of date). Go back to the form, reload it and try again.";

    public const string TokenAfterFileProblem = "The upload could not be verified: the form's security token arrived after the files, so nothing was stored. If you used the portal's upload page, go back, reload it and try again. (A script must send the __RequestVerificationToken field before the files, or the token in the RequestVerificationToken header.)";
    private const int MultipartBufferSize = 64 * 1024;

    public UploadOptions Options => uploadOptions.Value;

    public async Task<UploadBatch> ReceiveAsync(HttpContext http, IUploadTarget target, CancellationToken cancellationToken, UploadAuthentication authentication = UploadAuthentication.Antiforgery)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var outcomes = new List<UploadOutcome>();
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return new UploadBatch(UploadBatchStatus.NotMultipart, fields, outcomes, "The request did not carry a file upload form (multipart/form-data). Go back to the form and choose the files again.");
        }

        var headerName = antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken";
        var tokenFieldName = antiforgeryOptions.Value.FormFieldName;
        var tokenChecked = authentication == UploadAuthentication.BearerToken;
        if (!tokenChecked && http.Request.Headers.ContainsKey(headerName))
        {
            if (!await IsTokenValidAsync(http))
            {
                return new UploadBatch(UploadBatchStatus.AntiforgeryFailed, fields, outcomes, NotVerifiedProblem);
            }

            tokenChecked = true;
        }

        var options = uploadOptions.Value;
        var allowed = options.Extensions;
        // A 64 KB read buffer (the default is 4 KB): a 200 MB file is read in a few thousand steps, not fifty thousand.
        var reader = new MultipartReader(boundary, http.Request.Body, MultipartBufferSize);
        var remainingQuota = target.RemainingQuotaBytes;
        var fileCount = 0;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (disposition.IsFormDisposition())
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                    var value = await ReadFieldAsync(section.Body);
                    if (!tokenChecked && name == tokenFieldName)
                    {
                        // The no-script form's token, wherever it is among the fields: no file is read before it checks out.
                        if (value is null)
                        {
                            return new UploadBatch(UploadBatchStatus.AntiforgeryFailed, NoFields, outcomes, NotVerifiedProblem);
                        }

                        http.Request.Headers[headerName] = value;
                        if (!await IsTokenValidAsync(http))
                        {
                            return new UploadBatch(UploadBatchStatus.AntiforgeryFailed, NoFields, outcomes, NotVerifiedProblem);
                        }

                        tokenChecked = true;
                        continue;
                    }

                    if (fields.Count >= MaxFields && !fields.ContainsKey(name))
                    {
                        return new UploadBatch(tokenChecked ? UploadBatchStatus.Interrupted : UploadBatchStatus.AntiforgeryFailed, tokenChecked ? fields : NoFields, outcomes, $"The form had more than {MaxFields} fields; nothing more was read.");
                    }

                    fields[name] = value ?? string.Empty;
                    continue;
                }

                if (!disposition.IsFileDisposition())
                {
                    continue;
                }

                if (!tokenChecked)
                {
                    // A file before any token: nothing of it is read, and the fields read so far are not trusted.
                    return new UploadBatch(UploadBatchStatus.AntiforgeryFailed, NoFields, outcomes, TokenAfterFileProblem);
                }

                var rawName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.UnescapeAsQuotedString(disposition.FileName).Value;
                if (string.IsNullOrEmpty(rawName))
                {
                    // A file input left empty still sends a nameless, empty part.
                    continue;
                }

                var fileName = FileNames.Clean(rawName, FieldLengths.FileName);
                fileCount++;
                var outcome = await ReceiveFileAsync(section, fileName, fileCount, fields, target, options, allowed, remainingQuota, cancellationToken);
                if (outcome.Outcome.Accepted)
                {
                    remainingQuota -= outcome.Length;
                }

                outcomes.Add(outcome.Outcome);
            }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // The body was cut short (over the request limit, or the connection dropped). The file being read
            // was discarded with its temporary file; the files before it are already safe.
            logger.LogWarning(ex, "An upload request stopped early after {Files} file(s).", outcomes.Count);
            var problem = ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? $"The upload was larger than {options.MaxRequestBytes / UploadOptions.Megabyte:N0} MB in total; upload fewer files at a time."
                : "The upload stopped before it finished. Files listed as uploaded are safe; try the others again.";
            return new UploadBatch(UploadBatchStatus.Interrupted, fields, outcomes, problem);
        }

        if (!tokenChecked)
        {
            return new UploadBatch(UploadBatchStatus.AntiforgeryFailed, NoFields, outcomes, NotVerifiedProblem);
        }

        return new UploadBatch(UploadBatchStatus.Complete, fields, outcomes, fileCount == 0 ? "Choose at least one file to upload." : null);
    }

    private async Task<(UploadOutcome Outcome, long Length)> ReceiveFileAsync(
        MultipartSection section,
        string fileName,
        int fileNumber,
        Dictionary<string, string> fields,
        IUploadTarget target,
        UploadOptions options,
        IReadOnlySet<string> allowed,
        long remainingQuota,
        CancellationToken cancellationToken)
    {
        // Every refusal below happens before or instead of storing; the reader skips the unread bytes.
        if (fileNumber > options.MaxFilesPerRequest)
        {
            return (UploadOutcome.Refused(fileName, $"is more than the {options.MaxFilesPerRequest} files allowed in one upload; upload it separately"), 0);
        }

        if (target.CheckBeforeFile(fields) is { } problem)
        {
            return (UploadOutcome.Refused(fileName, problem), 0);
        }

        var extension = FileNames.ExtensionOf(fileName);
        var type = FileTypes.Find(extension);
        if (type is null || !allowed.Contains(extension))
        {
            var what = extension.Length == 0 ? "has no file extension" : $"is a .{extension} file";
            return (UploadOutcome.Refused(fileName, $"{what}, which is not accepted (allowed: {string.Join(", ", FileTypes.Allowed(options).Select(t => "." + t.Extension))})"), 0);
        }

        if (remainingQuota <= 0)
        {
            return (UploadOutcome.Refused(fileName, $"would go over your storage quota of {options.QuotaMegabytesPerCase:N0} MB, which is full"), 0);
        }

        var limit = Math.Min(options.MaxFileBytes, remainingQuota);
        await using var staged = await store.StageAsync(section.Body, limit, cancellationToken);
        if (staged.TooLarge)
        {
            return limit == options.MaxFileBytes
                ? (UploadOutcome.Refused(fileName, $"is larger than the {options.MaxFileMegabytes:N0} MB limit per file"), 0)
                : (UploadOutcome.Refused(fileName, $"would go over your storage quota of {options.QuotaMegabytesPerCase:N0} MB ({Megabytes(remainingQuota)} left)"), 0);
        }

        if (staged.Length == 0)
        {
            return (UploadOutcome.Refused(fileName, "is empty"), 0);
        }

        // Malware first (a flagged file is named as such whatever its type); every scanner reads the whole file; one that flags it, or cannot scan it, refuses it.
        foreach (var scanner in scanners)
        {
            await using var content = staged.OpenRead();
            var verdict = await scanner.ScanAsync(content, cancellationToken);
            if (verdict.Failure is not null)
            {
                logger.LogWarning("Refused upload {FileName}: the {Scanner} scanner could not check it ({Failure}).", fileName, scanner.Name, verdict.Failure);
                return (UploadOutcome.Refused(fileName, "could not be checked for viruses just now; try again in a few minutes"), 0);
            }

            if (!verdict.Clean)
            {
                logger.LogWarning("Refused upload {FileName}: the {Scanner} scanner found {Threat}.", fileName, scanner.Name, verdict.Threat);
                return (UploadOutcome.Refused(fileName, $"contains malware ({verdict.Threat}) and is treated as dangerous"), 0);
            }
        }

        if (FileTypes.CheckSignature(type, staged, options) is { } mismatch)
        {
            logger.LogWarning("Refused upload {FileName}: {Reason}.", fileName, mismatch);
            return (UploadOutcome.Refused(fileName, mismatch), 0);
        }

        // The quota is checked for real here: one conditional UPDATE reserves the file's size, so files arriving
        // in parallel cannot all fit into the same remaining space. A file that is then not kept gives it back.
        if (!await quota.TryReserveAsync(target.CaseId, staged.Length, cancellationToken))
        {
            return (UploadOutcome.Refused(fileName, $"would go over your storage quota of {options.QuotaMegabytesPerCase:N0} MB"), 0);
        }

        UploadOutcome outcome;
        try
        {
            outcome = await target.AcceptAsync(new AcceptedFile(fileName, type, staged), fields, cancellationToken);
        }
        catch
        {
            await quota.ReleaseAsync(target.CaseId, staged.Length);
            throw;
        }

        if (!outcome.Accepted)
        {
            await quota.ReleaseAsync(target.CaseId, staged.Length);
        }

        return (outcome, staged.Length);
    }

    private async Task<bool> IsTokenValidAsync(HttpContext http)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException ex)
        {
            logger.LogWarning(ex, "An upload failed antiforgery validation.");
            return false;
        }
    }

    /// <summary>Reads a form field's value, refusing (null) anything longer than any field the portal accepts.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxFieldChars + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total))) > 0)
        {
            total += read;
        }

        return total > MaxFieldChars ? null : new string(buffer, 0, total);
    }

    private static string Megabytes(long bytes) =>
        (bytes / (double)UploadOptions.Megabyte).ToString("0.#", CultureInfo.GetCultureInfo("en-GB")) + " MB";
}
