using System.Globalization;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Auditing;
using EpaPortal.Web.Data;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// <c>--verify-audit [--anchor NUMBER:HASH]</c>: walks the audit chain and re-hashes every stored file through
/// the evidence store, prints what it checked, where the chain ends (the value to anchor outside the portal)
/// and every break (the first first), records the run for the admin page, and exits: 0 intact, 2 broken,
/// 1 when it could not run.
/// </summary>
public static class VerifyAuditCommand
{
    public const string Flag = "--verify-audit";

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        if (!args.Contains(Flag, StringComparer.Ordinal))
        {
            return null;
        }

        var output = Console.Out;
        var anchorIndex = Array.IndexOf(args, "--anchor");
        AuditAnchor? anchor = null;
        if (anchorIndex >= 0)
        {
            anchor = anchorIndex + 1 < args.Length ? AuditAnchor.Parse(args[anchorIndex + 1]) : null;
            if (anchor is null)
            {
                await output.WriteLineAsync("--anchor needs NUMBER:HASH (the entry number and its 64-character hash, as a report printed them).");
                return 1;
            }
        }

        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var run = new AuditVerification(Actor.System.UserId, "Command line (--verify-audit)", anchor?.ToString(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            db.AuditVerifications.Add(run);
            await db.SaveChangesAsync(app.Lifetime.ApplicationStopping);
            id = run.Id;
        }

        var result = await app.Services.GetRequiredService<RecordsJobs>().VerifyAsync(id, app.Lifetime.ApplicationStopping);
        if (result is null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify-audit run={id} status=failed (see the log)"));
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"verify-audit run={id} status={(result.IsIntact ? "intact" : "broken")} entries={result.EntriesChecked} first={result.FirstSequence} files={result.FilesChecked} breaks={result.BreakCount}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify-audit head={result.HeadSequence}:{result.HeadHash}"));
        if (anchor is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify-audit anchor={anchor} {(result.Breaks.Any(b => b.Kind == AuditBreakKind.AnchorMismatch) ? "MISMATCH" : "matches")}"));
        }

        foreach (var found in result.Breaks)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"verify-audit break kind={found.Kind} number={found.Sequence} entry={found.EntryId} file={found.FileId}: {found.Description}"));
        }

        return result.IsIntact ? 0 : 2;
    }
}
