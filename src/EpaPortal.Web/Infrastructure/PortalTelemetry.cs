using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// The portal's own traces and metrics (source and meter <c>EpaPortal</c>): uploads, the outbox, case
/// transitions and the background jobs. Recording costs next to nothing when nobody listens (telemetry
/// off, the default); <see cref="TelemetrySetup"/> exports them over OTLP when configured.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "EpaPortal";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> UploadsStored = Meter.CreateCounter<long>(
        "epaportal.uploads.stored", "{file}", "Uploaded files accepted and stored with their database row.");

    private static readonly Counter<long> UploadBytesStored = Meter.CreateCounter<long>(
        "epaportal.uploads.stored.size", "By", "Bytes of the uploaded files stored.");

    private static readonly Counter<long> UploadsDiscarded = Meter.CreateCounter<long>(
        "epaportal.uploads.discarded", "{file}", "Staged uploads thrown away (refused by a check, too large, or the save failed).");

    private static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>(
        "epaportal.uploads.stage.duration", "s", "Time to receive, hash and stage one uploaded file.");

    private static readonly Counter<long> DownloadChecksFailed = Meter.CreateCounter<long>(
        "epaportal.evidence.download_check_failures", "{file}", "Stored files missing or not matching their SHA-256 when opened.");

    private static readonly Counter<long> OutboxSent = Meter.CreateCounter<long>(
        "epaportal.outbox.sent", "{message}", "E-mails the outbox dispatcher handed to the mail server.");

    private static readonly Counter<long> OutboxFailed = Meter.CreateCounter<long>(
        "epaportal.outbox.failed", "{message}", "Failed send attempts (retried later).");

    private static readonly Counter<long> OutboxGivenUp = Meter.CreateCounter<long>(
        "epaportal.outbox.given_up", "{message}", "E-mails given up after the last attempt (shown at /admin/outbox).");

    private static readonly Counter<long> CaseTransitions = Meter.CreateCounter<long>(
        "epaportal.case.transitions", "{transition}", "Case state changes saved, by from and to state.");

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "epaportal.jobs.runs", "{run}", "Background job turns, by job and outcome (ran, skipped: another instance holds or ran it, failed).");

    public static void UploadStaged(string store, string outcome, double seconds) =>
        StageDuration.Record(seconds, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("outcome", outcome));

    public static void UploadDiscarded(string store) => UploadsDiscarded.Add(1, new KeyValuePair<string, object?>("store", store));

    public static void UploadStored(string purpose, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("purpose", purpose);
        UploadsStored.Add(1, tag);
        UploadBytesStored.Add(bytes, tag);
    }

    public static void DownloadCheckFailed(string status) => DownloadChecksFailed.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void OutboxOutcome(int sent, int failed, int givenUp)
    {
        if (sent > 0)
        {
            OutboxSent.Add(sent);
        }

        if (failed > 0)
        {
            OutboxFailed.Add(failed);
        }

        if (givenUp > 0)
        {
            OutboxGivenUp.Add(givenUp);
        }
    }

    public static void CaseTransition(string from, string to) =>
        CaseTransitions.Add(1, new KeyValuePair<string, object?>("from", from), new KeyValuePair<string, object?>("to", to));

    public static void JobRun(string job, string outcome) =>
        JobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));
}
