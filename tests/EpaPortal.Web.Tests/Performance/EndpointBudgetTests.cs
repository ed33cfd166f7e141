using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Issue 17, item 3: every GET and every POST of the main journeys stays within its SQL command budget
/// (besides the sign-in ticket lookup), at the small volume and at <see cref="VolumeFixture.LargeCases"/>;
/// no GET writes, except the one audit row of reading confidential notes; and every endpoint of the portal is
/// either walked here or named in <see cref="EndpointBudgets.NotWalked"/> with the reason. The walk
/// (<see cref="JourneyWalk"/>) runs once per volume on a copy of that volume's database, so its clock and its
/// new cases touch no other test.
/// </summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public class EndpointBudgetTests(VolumeFixture volume, ITestOutputHelper output)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (IReadOnlyList<WalkStep> Small, IReadOnlyList<WalkStep> Large)? _walks;

    [Fact]
    public async Task EveryStepOfTheJourneys_StaysWithinItsBudget_AtBothVolumes()
    {
        var (small, large) = await WalksAsync();
        foreach (var (s, l) in small.Zip(large))
        {
            output.WriteLine($"{s.Method,-4} {s.Endpoint,-90} {s.Counted.Count,3} {l.Counted.Count,3}  ({s.Role})");
        }

        var over = small.Concat(large).Where(s => s.Counted.Count > s.Budget).Select(s => s.Describe()).ToList();
        Assert.True(over.Count == 0, $"{over.Count} requests over budget (GET ≤ {EndpointBudgets.MaxGetCommands}, POST ≤ {EndpointBudgets.MaxPostCommands}):{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, over)}");
    }

    [Fact]
    public async Task TheSameStep_IssuesTheSameCommands_AtBothVolumes()
    {
        var (small, large) = await WalksAsync();
        Assert.Equal(small.Select(s => $"{s.Method} {s.Endpoint}"), large.Select(s => $"{s.Method} {s.Endpoint}"));
        var grown = small.Zip(large).Where(p => p.Second.Counted.Count > p.First.Counted.Count)
            .Select(p => $"{p.First.Method} {p.First.Endpoint}: {p.First.Counted.Count} at {volume.SmallReport.CasesAfter} cases, {p.Second.Counted.Count} at {volume.LargeReport.CasesAfter}{Environment.NewLine}{p.Second.Describe()}")
            .ToList();
        Assert.True(grown.Count == 0, $"Command counts that grow with the data:{Environment.NewLine}{string.Join(Environment.NewLine, grown)}");
    }

    /// <summary>
    /// A GET writes nothing but the one audit row of a confidential read: the assessor's notes ("NotesRead"), the
    /// quality assurer's reading of the notes, judgements and unreleased grade ("QaCaseRead"), the results
    /// export with every apprentice's personal data ("ResultsExported"), the audited reads of
    /// <see cref="SecurityWorld.ReadAuditActions"/>.
    /// </summary>
    [Fact]
    public async Task NoGet_Writes_ButTheAuditOfAConfidentialRead()
    {
        var (small, large) = await WalksAsync();
        var wrong = new List<string>();
        foreach (var step in small.Concat(large).Where(s => s.IsGet))
        {
            // The audited read's save: the chain's lock, then one batch moving the chain head and adding the entry.
            var locks = step.Writes.Count(w => w.IsAuditChainLock);
            var writes = step.Writes.Where(w => !w.IsAuditChainLock).ToList();
            var audit = writes.Where(w => w.WrittenTables.All(t => t is "AuditEntries" or "AuditChainHead")
                && System.Text.RegularExpressions.Regex.Count(w.Sql, "INSERT INTO \"AuditEntries\"") == 1
                && w.Parameters.Any(p => p.Value is string action && SecurityWorld.ReadAuditActions.Contains(action))).ToList();
            if (writes.Count > audit.Count || audit.Count > 1 || locks > audit.Count)
            {
                wrong.Add(step.Describe());
            }
        }

        // The confidential pages do write their one audit row (or the check above proves nothing).
        Assert.Contains(small, s => s.IsGet && s.Url.EndsWith("/notes", StringComparison.Ordinal) && s.Writes.Count(w => !w.IsAuditChainLock) == 1);
        Assert.Contains(small, s => s.IsGet && s.Url.StartsWith("/quality/cases/", StringComparison.Ordinal) && s.Writes.Count(w => !w.IsAuditChainLock) == 1);
        Assert.True(wrong.Count == 0, $"GETs that write:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, wrong)}");
    }

    [Fact]
    public async Task EveryEndpoint_IsWalked_OrNamedWithTheReasonItIsNot()
    {
        var (small, _) = await WalksAsync();
        var walked = small.Where(s => s.Endpoint is not null).Select(s => s.Endpoint!).ToHashSet(StringComparer.Ordinal);
        var endpoints = EndpointKeys.Routable(volume.Small.Services.GetRequiredService<EndpointDataSource>()).Select(EndpointKeys.Of).ToHashSet(StringComparer.Ordinal);

        var neither = endpoints.Where(e => !walked.Contains(e) && EndpointBudgets.WhyNotWalked(e) is null).Order(StringComparer.Ordinal).ToList();
        var both = EndpointBudgets.NotWalked.Keys.Where(walked.Contains).ToList();
        var stale = EndpointBudgets.NotWalked.Keys.Where(e => !endpoints.Contains(e)).ToList();
        Assert.True(neither.Count == 0 && both.Count == 0 && stale.Count == 0,
            $"Endpoints neither walked nor named:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", neither)}{Environment.NewLine}" +
            $"Named but walked:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", both)}{Environment.NewLine}" +
            $"Named but not an endpoint:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", stale)}");
        Assert.All(small, s => Assert.NotNull(s.Endpoint));
    }

    private async Task<(IReadOnlyList<WalkStep> Small, IReadOnlyList<WalkStep> Large)> WalksAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _walks ??= (await WalkCopyAsync(volume.Small), await WalkCopyAsync(volume.Large));
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<IReadOnlyList<WalkStep>> WalkCopyAsync(VolumePortalFactory source)
    {
        using var copy = new VolumePortalFactory(await source.CopyDatabaseTo());
        return await JourneyWalk.RunAsync(copy);
    }
}

/// <summary>The command budgets of issue 17 and the endpoints the walk leaves out, each with its reason.</summary>
public static class EndpointBudgets
{
    /// <summary>SQL commands a GET may issue besides the sign-in ticket lookup (production is SQL Server: each is a round trip).</summary>
    public const int MaxGetCommands = 5;

    /// <summary>SQL commands a POST may issue besides the sign-in ticket lookup.</summary>
    public const int MaxPostCommands = 12;

    /// <summary>
    /// A request's budget: <see cref="MaxGetCommands"/> or <see cref="MaxPostCommands"/>, plus the audit chain's
    /// lock, one per save that adds audit entries (ADR 18: issue 22 asks for each entry to be chained in the
    /// transaction that writes it, so the head must be read under a lock before the save's batch; that read is
    /// a round trip no page can avoid). Counted, printed, and allowed only where it happens.
    /// </summary>
    public static int Budget(bool isGet, int auditChainLocks) => (isGet ? MaxGetCommands : MaxPostCommands) + auditChainLocks;

    public static IReadOnlyDictionary<string, string> NotWalked { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["* Home/Index (conventional)"] = "Sends a signed-in person to their dashboard (a redirect, no query).",
        ["* Home/AccessDenied (conventional)"] = "A status page.",
        ["* Home/Status/{code:int}"] = "A status page.",
        ["* health/live"] = "A probe for the load balancer.",
        ["GET help/{guide:regex(^[a-z-]+$)}"] = "A role guide from the repository's docs: reads no database (HelpTests).",
        ["GET help/images/{name}"] = "A guide's screenshot from disk: reads no database.",
        ["* health/ready"] = "A probe for the load balancer (SELECT 1).",
        ["GET bench/ping"] = "The benchmark's signed-in baseline.",
        ["GET,HEAD {**path:file}"] = "The static-file fallback (404).",
        ["GET account/set-password"] = "Accepting an invitation: once per person, outside the case journeys (signed out).",
        ["POST account/set-password"] = "Accepting an invitation: once per person, outside the case journeys (signed out).",
        ["POST admin/apprentices/import"] = "A bulk CSV import: its commands grow with the file by nature (it is one transaction), not a per-request page.",
        ["POST admin/standards/import"] = "Importing a standard version (a JSON definition): a rare bulk load of reference data, one transaction.",
        ["POST admin/apprentices/new"] = "Account and reference-data administration beside the journeys: not walked yet.",
        ["POST admin/outbox/{id:long}/retry"] = "Retrying an e-mail the dispatcher gave up on: needs a failing mail server, not a journey step.",
        ["POST admin/users/{id}/disable"] = "Account administration through ASP.NET Core Identity's UserManager, beside the journeys: not walked yet.",
        ["POST admin/users/{id}/enable"] = "Account administration through ASP.NET Core Identity's UserManager, beside the journeys: not walked yet.",
        ["POST admin/users/{id}/resend"] = "Account administration through ASP.NET Core Identity's UserManager, beside the journeys: not walked yet.",
        ["POST admin/users/{id}/roles"] = "Account administration through ASP.NET Core Identity's UserManager, beside the journeys: not walked yet.",
        ["POST admin/users/{id}/close"] = "Account administration through ASP.NET Core Identity's UserManager, beside the journeys: not walked yet.",
        ["GET admin/bank-holidays"] = "Importing a newer bank-holidays file: reference data an admin changes about once a year, beside the journeys: not walked yet.",
        ["POST admin/bank-holidays"] = "Importing a newer bank-holidays file (a JSON upload, validated and audited): reference data an admin changes about once a year, beside the journeys: not walked yet.",
        ["POST admin/apprentices/{id:int}/nation"] = "Correcting an apprentice's nation: reference data beside the journeys: not walked yet.",
        ["GET admin/api-clients"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/api-clients"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/api-clients/{id:int}/disable"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/api-clients/{id:int}/secret"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["GET admin/webhooks"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["GET admin/webhooks/{id:int}"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/webhooks"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/webhooks/{id:int}/disable"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/webhooks/deliveries/{id:long}/resend"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["GET admin/national-service"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["GET admin/national-service/{caseId:int}"] = "Integration settings an admin changes rarely, beside the journeys: not walked yet.",
        ["POST admin/national-service/{caseId:int}/send"] = "Sends a released result to the national service (outside HTTP calls, tested against WireMock.Net in NationalServiceTests): not walked yet.",
        ["GET admin/api-reference/favicon.svg"] = "The API reference (Scalar's page and files, the OpenAPI document): static documentation for admins, no case data.",
        ["GET admin/api-reference/scalar.aspnetcore.js"] = "The API reference (Scalar's page and files, the OpenAPI document): static documentation for admins, no case data.",
        ["GET admin/api-reference/scalar.js"] = "The API reference (Scalar's page and files, the OpenAPI document): static documentation for admins, no case data.",
        ["GET admin/api-reference/{documentName?}"] = "The API reference (Scalar's page and files, the OpenAPI document): static documentation for admins, no case data.",
        ["GET openapi/{documentName}.json"] = "The API reference (Scalar's page and files, the OpenAPI document): static documentation for admins, no case data.",
        ["GET api/v1/apprentices"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["GET api/v1/apprentices/{id:int}"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["GET api/v1/registrations"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["GET api/v1/registrations/{id:int}"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["GET api/v1/registrations/{id:int}/result"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["POST api/v1/apprentices"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["POST api/v1/registrations"] = "The API (bearer tokens, not a browser journey): budgeted by ApiAccessTests.EveryGet_IssuesAtMostFiveCommands_AndEveryPost_AtMostTwelve.",
        ["POST api/oauth/token"] = "The API's token endpoint (client credentials): not a browser journey; its budget is not measured yet.",
        ["POST api/v1/registrations/{id:int}/gateway-evidence"] = "The API's streamed upload: its budget is not measured yet.",
        ["PUT api/v1/apprentices/{id:int}"] = "The API (bearer tokens, not a browser journey): its budget is not measured yet.",
        ["GET admin/audit/chain"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/audit/chain/verifications/{id:int}"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/audit/chain/verify"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/cases/{caseId:int}/legal-hold"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/cases/{caseId:int}/legal-hold"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/cases/{caseId:int}/legal-hold/lift"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/privacy"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/privacy/exports"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/privacy/exports/new"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/privacy/exports/new"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/privacy/exports/{id:int}/download"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/privacy/requests/{id:int}"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/privacy/requests/{id:int}"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/retention"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET admin/retention/reports/{id:int}"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/retention/reports"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/retention/reports/{id:int}/approve"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["POST admin/retention/schedule"] = "Records and privacy administration (issue 22): an admin's occasional work beside the case journeys (tested in Records/*Tests): not walked yet.",
        ["GET account/privacy"] = "A person asking for a correction or erasure of their data (issue 22): once in a while, beside the case journeys (tested in PrivacyRequestTests): not walked yet.",
        ["POST account/privacy"] = "A person asking for a correction or erasure of their data (issue 22): once in a while, beside the case journeys (tested in PrivacyRequestTests): not walked yet.",
    };

    /// <summary>Why an endpoint is not walked, or null when it should be: listed above, or one of ASP.NET Core
    /// Identity's account pages (sign-in, two-factor, password and personal-data pages: the framework's, not a
    /// case journey; the walk signs everyone in through them without counting).</summary>
    public static string? WhyNotWalked(string endpoint) =>
        NotWalked.TryGetValue(endpoint, out var reason) ? reason
        : endpoint.StartsWith("* Identity/", StringComparison.Ordinal) ? "ASP.NET Core Identity's account pages (the framework's; not a case journey)."
        : null;
}
