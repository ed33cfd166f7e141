using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Security;

/// <summary>The people the access matrix signs in as (issue 10; the training providers since issue 19): anonymous, two of every outside role, and
/// the EPAO staff. "A" people are related to case A; "B" people to case B only.</summary>
public enum Persona
{
    Anonymous,
    ApprenticeA,
    ApprenticeB,
    EmployerA,
    EmployerB,

    /// <summary>A user of case A's training provider (issue 19); ProviderB of case B's.</summary>
    ProviderA,
    ProviderB,
    AssessorA,
    AssessorB,
    QualityAssurer,
    Admin,
}

/// <summary>
/// One portal shared by the access matrix and the CSRF tests: two released cases in different organisations
/// (A at Acme, assessed by the first assessor; B at Northwind, by the second), each carrying unique markers in
/// its personal data, evidence, reference and confidential notes, and every persona signed in once.
/// </summary>
public sealed class SecurityWorld : IAsyncLifetime
{
    /// <summary>Audit actions written by reads (allowed on a GET: the log records who read what).</summary>
    public static readonly IReadOnlySet<string> ReadAuditActions = new HashSet<string>(StringComparer.Ordinal) { "NotesRead", "QaCaseRead", "ResultsExported", "AccessDenied" };

    private readonly Dictionary<Persona, PortalClient> _clients = [];
    private readonly SemaphoreSlim _sweepLock = new(1, 1);
    private GetSweep? _sweep;

    public PortalFactory Factory { get; } = new();

    public CaseMarkers A { get; private set; } = null!;

    public CaseMarkers B { get; private set; } = null!;

    /// <summary>A third apprentice whose case is in its project window (the project upload needs one).</summary>
    public PortalClient ApprenticeInProject { get; private set; } = null!;

    public int AcmeId { get; private set; }

    public int StandardVersionId { get; private set; }

    /// <summary>A conflict of interest declared by assessor A.</summary>
    public int ConflictIdA { get; private set; }

    public PortalClient Client(Persona persona) => _clients[persona];

    public static IReadOnlyList<Persona> All { get; } = Enum.GetValues<Persona>();

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        (AcmeId, var northwindId, StandardVersionId) = await Factory.WithDbAsync(async db => (
            (await db.Organisations.SingleAsync(o => o.Name == DemoDataSeeder.Acme)).Id,
            (await db.Organisations.SingleAsync(o => o.Name == DemoDataSeeder.Northwind)).Id,
            (await db.StandardVersions.OrderBy(v => v.Id).FirstAsync()).Id));

        // Each case names its own training provider (issue 19), which co-signs its gateway on the way.
        int providerA, providerB;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var scenarios = new TestScenarios(scope.ServiceProvider);
            providerA = await scenarios.CreateProviderAsync("Alfa Training Zqx", "10000001", ProviderAEmail, PortalFactory.DemoPassword);
            providerB = await scenarios.CreateProviderAsync("Bravo Training Zqx", "10000002", ProviderBEmail, PortalFactory.DemoPassword);
        }

        A = await CreateCaseAsync(AcmeId, "Alfa Zqxalpha", "ZQXA", Demo.Assessor, provider: providerA);
        B = await CreateCaseAsync(northwindId, "Bravo Zqxbravo", "ZQXB", Demo.Assessor2, provider: providerB);
        var inProject = await CreateCaseAsync(AcmeId, "Charlie Zqxcharlie", "ZQXC", Demo.Assessor, CaseState.ProjectInProgress);

        ConflictIdA = await Factory.WithDbAsync(async db =>
        {
            var assessorId = await db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync();
            var day = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);
            var conflict = new ConflictOfInterest(assessorId, northwindId, "Former colleague (matrix test)", day, null, Factory.Clock.GetUtcNow());
            db.ConflictsOfInterest.Add(conflict);
            await db.SaveChangesAsync();
            return conflict.Id;
        });

        _clients[Persona.Anonymous] = Factory.CreatePortalClient();
        _clients[Persona.ApprenticeA] = await Factory.SignInAsync(A.ApprenticeEmail);
        _clients[Persona.ApprenticeB] = await Factory.SignInAsync(B.ApprenticeEmail);
        _clients[Persona.EmployerA] = await Factory.SignInAsync(Demo.Employer);
        _clients[Persona.EmployerB] = await Factory.SignInAsync(Demo.OtherEmployer);
        _clients[Persona.ProviderA] = await Factory.SignInAsync(ProviderAEmail);
        _clients[Persona.ProviderB] = await Factory.SignInAsync(ProviderBEmail);
        _clients[Persona.AssessorA] = await Factory.SignInAsync(Demo.Assessor);
        _clients[Persona.AssessorB] = await Factory.SignInAsync(Demo.Assessor2);
        _clients[Persona.QualityAssurer] = await Factory.SignInAsync(Demo.QualityAssurer);
        _clients[Persona.Admin] = await Factory.SignInAsync(Demo.Admin);
        ApprenticeInProject = await Factory.SignInAsync(inProject.ApprenticeEmail);

        // A reasonable adjustment of case A requested by employer A, with its evidence (admins and employer A only).
        var adjustments = $"/employer/cases/{A.CaseId}/adjustments";
        var requested = await _clients[Persona.EmployerA].SubmitUploadFormAsync(adjustments, new Dictionary<string, string>
        {
            ["Input.Type"] = "ExtraTime",
            ["Input.Details"] = "Matrix test: extra time (letter attached).",
        }, "form.adjustment-form", new FormUpload("evidence", "matrix-letter.pdf", Portfolio.Files.Pdf()));
        if (requested.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The matrix's adjustment request answered {(int)requested.StatusCode}.");
        }

        A = A with { AdjustmentId = await Factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == A.CaseId).Select(a => a.Id).SingleAsync()) };
    }

    private const string ProviderAEmail = "tutor@alfa-training.test";
    private const string ProviderBEmail = "tutor@bravo-training.test";

    private async Task<CaseMarkers> CreateCaseAsync(int organisationId, string name, string tag, string assessorEmail, CaseState state = CaseState.ResultReleased, int? provider = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword, name);
        var caseId = await scenarios.CreateAsync(apprentice.Id, state, new ScenarioOptions { AssessorEmail = assessorEmail, ConfidentialMarker = $"{tag}-CONFIDENTIAL", ProviderOrganisationId = provider });

        // Distinctive text in what the case's own people may see, so a page showing it elsewhere is a leak.
        var evidenceTitle = $"{tag}-EVIDENCE portfolio item";
        var refereeName = $"{tag}-REFEREE Rhiannon";
        await db.EvidenceItems.Where(e => e.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, evidenceTitle));
        await db.EmployerReferences.Where(r => r.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RefereeName, refereeName));
        var item = await db.EvidenceItems.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Id).Select(e => new { e.Id, e.CurrentFileId }).FirstAsync();
        return new CaseMarkers(caseId, apprentice.Id, apprentice.UserId!, apprentice.Email, item.Id, item.CurrentFileId,
            [name.Split(' ')[1], apprentice.Uln, evidenceTitle, refereeName],
            [$"{tag}-CONFIDENTIAL note", $"{tag}-CONFIDENTIAL question", $"{tag}-CONFIDENTIAL answer", $"{tag}-CONFIDENTIAL)"]);
    }

    /// <summary>Markers <paramref name="persona"/> must never see on any page: everything of a case they are
    /// not related to, and the confidential assessment text of their own case unless they are its staff.</summary>
    public IEnumerable<string> ForbiddenMarkers(Persona persona)
    {
        foreach (var (markers, own) in new[] { (A, "A"), (B, "B") })
        {
            var related = IsRelated(persona, own);
            if (!related)
            {
                foreach (var marker in markers.Shared)
                {
                    yield return marker;
                }
            }

            if (!related)
            {
                // Anything of the case at all, the final judgements' rationales included.
                yield return markers.Tag;
            }
            else if (persona is Persona.ApprenticeA or Persona.ApprenticeB or Persona.EmployerA or Persona.EmployerB or Persona.ProviderA or Persona.ProviderB)
            {
                // Domain section 6: never the notes, questions, answers or initial conclusions (the released
                // grade's rationales they may see).
                foreach (var marker in markers.Confidential)
                {
                    yield return marker;
                }
            }
        }
    }

    private static bool IsRelated(Persona persona, string side) => persona switch
    {
        Persona.QualityAssurer or Persona.Admin => true,
        Persona.ApprenticeA or Persona.EmployerA or Persona.ProviderA or Persona.AssessorA => side == "A",
        Persona.ApprenticeB or Persona.EmployerB or Persona.ProviderB or Persona.AssessorB => side == "B",
        _ => false,
    };

    /// <summary>Every GET row fetched once by every persona; the database fingerprint is taken either side.</summary>
    public async Task<GetSweep> SweepAsync()
    {
        await _sweepLock.WaitAsync();
        try
        {
            if (_sweep is null)
            {
                var before = await FingerprintAsync();
                var results = new List<SweepResult>();
                IReadOnlyDictionary<string, string>? after = null;
                foreach (var row in AccessMatrix.Rows.Where(r => r.IsGet).OrderBy(r => r.WritesOnGet is not null))
                {
                    if (row.WritesOnGet is not null && after is null)
                    {
                        after = await FingerprintAsync();
                    }

                    var url = row.Url(this);
                    foreach (var persona in All)
                    {
                        using var response = await Client(persona).GetAsync(url);
                        var body = await response.Content.ReadAsStringAsync();
                        results.Add(new SweepResult(row, persona, url, (int)response.StatusCode, response.Headers.Location?.OriginalString,
                            response.Headers.CacheControl?.NoStore == true, response.Content.Headers.ContentType?.MediaType, body));
                    }
                }

                var afterAll = await FingerprintAsync();
                _sweep = new GetSweep(results, before, after ?? afterAll, afterAll);
            }

            return _sweep;
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    /// <summary>
    /// Every row of every table, hashed per table, except the sign-in sessions (renewed by any request), the
    /// audit entries of reads and the audit chain's head, which every audit entry moves (ADR 18). Any other
    /// insert, update or delete anywhere shows as a changed table.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> FingerprintAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('UserSessions', 'AuditChainHead', '__EFMigrationsHistory') ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            var action = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == "Action", -1);
            var text = new StringBuilder();
            var count = 0;
            while (await reader.ReadAsync())
            {
                if (action >= 0 && !reader.IsDBNull(action) && ReadAuditActions.Contains(reader.GetString(action)))
                {
                    continue;
                }

                count++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
                }

                text.Append('\u001e');
            }

            result[table] = $"{count.ToString(CultureInfo.InvariantCulture)} rows, {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
        }

        return result;
    }

    /// <summary>The tables whose fingerprint differs, for an assertion message.</summary>
    public static string Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join("; ", after.Where(t => !before.TryGetValue(t.Key, out var was) || was != t.Value)
            .Select(t => $"{t.Key}: {(before.TryGetValue(t.Key, out var was) ? was : "(new)")} -> {t.Value}"));

    /// <summary>An antiforgery token for the persona, read from a page they may open.</summary>
    public async Task<string> TokenAsync(Persona persona)
    {
        var page = persona switch
        {
            Persona.Anonymous => "/Identity/Account/Login",
            Persona.ApprenticeA or Persona.ApprenticeB => "/apprentice",
            Persona.EmployerA or Persona.EmployerB => "/employer",
            Persona.ProviderA or Persona.ProviderB => "/provider",
            Persona.AssessorA or Persona.AssessorB => "/assessor",
            Persona.QualityAssurer => "/quality",
            _ => "/admin",
        };
        return await Client(persona).GetAntiforgeryTokenAsync(page);
    }

    public Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        ApprenticeInProject?.Dispose();
        _sweepLock.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One case of the security world and the text only its own people may see: Shared is what the
/// case's apprentice, employer, training provider and staff may see (family name, ULN, an evidence title, the referee's name);
/// Confidential are the markers in the assessor's notes, interview questions and answers and initial
/// conclusions, which its apprentice and employer never see.</summary>
public sealed record CaseMarkers(int CaseId, int ApprenticeId, string ApprenticeUserId, string ApprenticeEmail, int EvidenceItemId, Guid EvidenceFileId,
    IReadOnlyList<string> Shared, IReadOnlyList<string> Confidential)
{
    /// <summary>A reasonable adjustment of the case with evidence, requested by its employer (case A only).</summary>
    public int AdjustmentId { get; init; }

    /// <summary>The prefix of every confidential marker of the case ("ZQXA-CONFIDENTIAL").</summary>
    public string Tag => Confidential[0][..Confidential[0].IndexOf(' ', StringComparison.Ordinal)];
}

public sealed record SweepResult(MatrixRow Row, Persona Persona, string Url, int Status, string? Location, bool NoStore, string? MediaType, string Body);

/// <summary>The GETs, and the database before them, after all but the declared writing ones, and after all.</summary>
public sealed record GetSweep(IReadOnlyList<SweepResult> Results, IReadOnlyDictionary<string, string> Before, IReadOnlyDictionary<string, string> After,
    IReadOnlyDictionary<string, string> AfterAll);

[CollectionDefinition(Name)]
public sealed class SecurityWorldCollection : ICollectionFixture<SecurityWorld>
{
    public const string Name = "Security world";
}

/// <summary>Status helpers for the matrix.</summary>
public static class Status
{
    public const int Ok = (int)HttpStatusCode.OK;
    public const int Redirect = (int)HttpStatusCode.Redirect;
    public const int BadRequest = (int)HttpStatusCode.BadRequest;
    public const int Unauthorized = (int)HttpStatusCode.Unauthorized;
    public const int Forbidden = (int)HttpStatusCode.Forbidden;
    public const int NotFound = (int)HttpStatusCode.NotFound;
    public const int ServerError = (int)HttpStatusCode.InternalServerError;
}
