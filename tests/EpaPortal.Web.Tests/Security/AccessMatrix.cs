namespace EpaPortal.Web.Tests.Security;

/// <summary>The policy in front of an endpoint: who gets past it before the endpoint looks at the resource.</summary>
public enum Gate
{
    /// <summary>[AllowAnonymous]: everyone, signed in or not.</summary>
    Anyone,

    /// <summary>The fallback policy: any signed-in user.</summary>
    SignedIn,
    Apprentice,
    Employer,

    /// <summary>A training provider's user (issue 19).</summary>
    Provider,
    Assessor,
    QualityAssurer,
    Admin,

    /// <summary>Assessors, quality assurers and admins.</summary>
    Staff,

    /// <summary>Management information (issue 21): quality assurers and admins.</summary>
    Reports,

    /// <summary>An API client's bearer token (issue 23). Cookies never authenticate the API, so every persona,
    /// signed in or not, gets 401 problem details; tests/Api covers the clients themselves.</summary>
    ApiClient,
}

/// <summary>
/// One endpoint of the portal and who may use it. <see cref="Methods"/> is "GET", "POST" or "*" (a Razor page
/// or conventional action that answers any method: checked as a GET, and as an unsafe POST for CSRF).
/// For GET: <see cref="Outcome"/> gives the status for every persona past the <see cref="Gate"/> (anonymous
/// people are sent to sign in, other roles get 403). For POST: <see cref="Actors"/> may use it (the refusal test
/// leaves them out); every other persona past the gate gets <see cref="Refused"/>.
/// </summary>
public sealed record MatrixRow(string Methods, string Pattern, Gate Gate, Func<SecurityWorld, string> Url)
{
    public Func<Persona, int> Outcome { get; init; } = AccessMatrix.Ok;

    public IReadOnlySet<Persona> Actors { get; init; } = new HashSet<Persona>();

    public Func<Persona, int> Refused { get; init; } = _ => Status.NotFound;

    /// <summary>Who sends the CSRF probe (a persona allowed to use the endpoint); null with <see cref="CsrfExempt"/>.</summary>
    public Persona? CsrfActor { get; init; }

    /// <summary>Why an endpoint that answers POST is not probed for CSRF (it changes nothing).</summary>
    public string? CsrfExempt { get; init; }

    /// <summary>Why this GET may write (declared exceptions to "no GET changes data"; null for every other row).</summary>
    public string? WritesOnGet { get; init; }

    /// <summary>A streamed upload (multipart; the token is checked by the upload receiver, not the filter).</summary>
    public bool Upload { get; init; }

    public string Key => $"{Methods} {Pattern}";

    public bool IsGet => Methods is "GET" or "GET,HEAD" or "*";

    public bool IsUnsafe => Methods is "POST" or "*";

    /// <summary>The status the matrix expects for <paramref name="persona"/> on a GET.</summary>
    public int ExpectedGet(Persona persona) =>
        Gate == Gate.ApiClient ? Status.Unauthorized
        : persona == Persona.Anonymous && Gate != Gate.Anyone ? Status.Redirect
        : !AccessMatrix.Passes(Gate, persona) ? Status.Forbidden
        : Outcome(persona);

    /// <summary>The status the matrix expects for a refused POST (with a valid token) by <paramref name="persona"/>.</summary>
    public int ExpectedRefusal(Persona persona) =>
        Gate == Gate.ApiClient ? Refused(persona)
        : persona == Persona.Anonymous && Gate != Gate.Anyone ? Status.Redirect
        : !AccessMatrix.Passes(Gate, persona) ? Status.Forbidden
        : Refused(persona);

    public override string ToString() => Key;
}

/// <summary>
/// Every endpoint of the portal, declared once (issue 10, item 1). <c>AccessMatrixTests</c> fails when an
/// endpoint has no row or a row has no endpoint, and checks each row as every persona. The URLs point at case A
/// and its resources, so "A" people use their own case and "B" people try someone else's.
/// docs/roles-and-permissions.md is this table in words.
/// </summary>
public static class AccessMatrix
{
    public static readonly Func<Persona, int> Ok = _ => Status.Ok;

    /// <summary>200 for the people related to case A (its apprentice, its employer, its training provider, its assessor, QA, admin); 404 for everyone else.</summary>
    public static readonly Func<Persona, int> CaseA = p => RelatedToA(p) ? Status.Ok : Status.NotFound;

    public static bool RelatedToA(Persona persona) => persona is Persona.ApprenticeA or Persona.EmployerA or Persona.ProviderA or Persona.AssessorA or Persona.QualityAssurer or Persona.Admin;

    public static Func<Persona, int> Except(Func<Persona, int> baseline, params (Persona Persona, int Status)[] exceptions) =>
        p => exceptions.Where(e => e.Persona == p).Select(e => (int?)e.Status).FirstOrDefault() ?? baseline(p);

    public static Func<Persona, int> All(int status) => _ => status;

    public static bool Passes(Gate gate, Persona persona) => gate switch
    {
        Gate.Anyone => true,
        Gate.SignedIn => persona != Persona.Anonymous,
        Gate.Apprentice => persona is Persona.ApprenticeA or Persona.ApprenticeB,
        Gate.Employer => persona is Persona.EmployerA or Persona.EmployerB,
        Gate.Provider => persona is Persona.ProviderA or Persona.ProviderB,
        Gate.Assessor => persona is Persona.AssessorA or Persona.AssessorB,
        Gate.QualityAssurer => persona == Persona.QualityAssurer,
        Gate.Admin => persona == Persona.Admin,
        Gate.Staff => persona is Persona.AssessorA or Persona.AssessorB or Persona.QualityAssurer or Persona.Admin,
        Gate.Reports => persona is Persona.QualityAssurer or Persona.Admin,
        _ => false,
    };

    private static readonly HashSet<Persona> Apprentices = [Persona.ApprenticeA, Persona.ApprenticeB];

    /// <summary>The people who take part in case A's messages (issue 25, item 5).</summary>
    private static readonly HashSet<Persona> MessagingA = [Persona.ApprenticeA, Persona.EmployerA, Persona.ProviderA, Persona.AssessorA, Persona.Admin];

    /// <summary>Case A's messages: 200 for the people who take part, 403 for the quality assurer (who sees the case), 404 for everyone else.</summary>
    private static readonly Func<Persona, int> MessagesOfA = p => MessagingA.Contains(p) ? Status.Ok : p == Persona.QualityAssurer ? Status.Forbidden : Status.NotFound;
    private static readonly HashSet<Persona> AdminOnly = [Persona.Admin];

    private static MatrixRow Get(string pattern, Gate gate, Func<SecurityWorld, string> url, Func<Persona, int>? outcome = null) =>
        new("GET", pattern, gate, url) { Outcome = outcome ?? Ok };

    private static MatrixRow Post(string pattern, Gate gate, Func<SecurityWorld, string> url, IReadOnlySet<Persona> actors, Persona? csrf = null, Func<Persona, int>? refused = null) =>
        new("POST", pattern, gate, url) { Actors = actors, CsrfActor = csrf ?? actors.First(), Refused = refused ?? (_ => Status.NotFound) };

    private static MatrixRow Admin(string pattern, Func<SecurityWorld, string> url) => Post(pattern, Gate.Admin, url, AdminOnly);

    private static MatrixRow Page(string pattern, Gate gate, Func<Persona, int>? outcome = null, Persona? csrf = null) =>
        new("*", pattern, gate, _ => "/" + pattern) { Outcome = outcome ?? Ok, CsrfActor = csrf ?? (gate == Gate.Anyone ? Persona.Anonymous : Persona.EmployerA) };

    private static string CaseIdA(this SecurityWorld w) => w.A.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        // Shell, status pages and probes.
        new("*", "Home/Index (conventional)", Gate.SignedIn, _ => "/") { Outcome = All(Status.Redirect), CsrfActor = Persona.EmployerA },
        new("*", "Home/AccessDenied (conventional)", Gate.Anyone, _ => "/Home/AccessDenied") { Outcome = All(Status.Forbidden), CsrfActor = Persona.Anonymous },
        new("*", "Home/Status/{code:int}", Gate.Anyone, _ => "/Home/Status/404") { Outcome = All(Status.NotFound), CsrfActor = Persona.Anonymous },
        new("*", "health/live", Gate.Anyone, _ => "/health/live") { CsrfExempt = "A probe: reads nothing, changes nothing." },
        new("*", "health/ready", Gate.Anyone, _ => "/health/ready") { CsrfExempt = "A probe: runs a SELECT 1, changes nothing." },

        // The static-asset fallback (a path that looks like a file but is not one of the portal's assets).
        new("GET,HEAD", "{**path:file}", Gate.SignedIn, _ => "/no-such-file.txt") { Outcome = All(Status.NotFound) },
        Get("cases/{caseId:int}", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}", p => RelatedToA(p) ? Status.Redirect : Status.NotFound),
        Get("cases/{caseId:int}/{section:regex(^(reference|gateway|project|interview|quality|result|appeal)$)}", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/reference", p => RelatedToA(p) ? Status.Redirect : Status.NotFound),

        // Case messages (issue 25, item 5; ADR 0031): case A's apprentice, employer, training provider, allocated assessor (scheduling
        // messages only) and admins; a quality assurer sees the case but takes no part (403); to everyone else the case does not exist.
        Get("cases/{caseId:int}/messages", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/messages", MessagesOfA),
        Post("cases/{caseId:int}/messages", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/messages", MessagingA, Persona.ApprenticeA, MessagesOfA),
        Post("cases/{caseId:int}/messages/read", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/messages/read", MessagingA, Persona.EmployerA, MessagesOfA),
        Get("messages", Gate.SignedIn, _ => "/messages"),
        Get("messages/unread", Gate.SignedIn, _ => "/messages/unread"),

        // The role guides inside the portal (issue 25, item 7): how-to text and screenshots, for everyone signed in.
        Get("help/{guide:regex(^[a-z-]+$)}", Gate.SignedIn, _ => "/help/assessor"),
        Get("help/images/{name}", Gate.SignedIn, _ => "/help/images/assessor-caseload.png"),

        // Evidence: the read-only portfolio and the files.
        Get("cases/{caseId:int}/portfolio", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/portfolio", CaseA),
        Get("cases/{caseId:int}/portfolio/items/{id:int}", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/portfolio/items/{w.A.EvidenceItemId}", CaseA),
        Get("evidence/files/{id:guid}", Gate.SignedIn, w => $"/evidence/files/{w.A.EvidenceFileId}", CaseA),
        Get("evidence/files/{id:guid}/view", Gate.SignedIn, w => $"/evidence/files/{w.A.EvidenceFileId}/view", CaseA),
        Get("evidence/files/{id:guid}/inline", Gate.SignedIn, w => $"/evidence/files/{w.A.EvidenceFileId}/inline", CaseA),

        // A reasonable adjustment's evidence: the requester (employer A) and admins only; to everyone else it does not exist.
        Get("cases/{caseId:int}/adjustments/{adjustmentId:int}/evidence", Gate.SignedIn, w => $"/cases/{w.CaseIdA()}/adjustments/{w.A.AdjustmentId}/evidence", p => p is Persona.EmployerA or Persona.Admin ? Status.Ok : Status.NotFound),

        // Apprentice: always their own case (the URL carries no case id); items by id are case A's.
        Get("apprentice", Gate.Apprentice, _ => "/apprentice"),
        Get("apprentice/portfolio", Gate.Apprentice, _ => "/apprentice/portfolio"),
        Get("apprentice/portfolio/upload", Gate.Apprentice, _ => "/apprentice/portfolio/upload"),
        Get("apprentice/portfolio/coverage", Gate.Apprentice, _ => "/apprentice/portfolio/coverage"),
        Get("apprentice/portfolio/submit", Gate.Apprentice, _ => "/apprentice/portfolio/submit"),
        Get("apprentice/portfolio/items/{id:int}", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}", CaseA),
        Get("apprentice/portfolio/items/{id:int}/edit", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/edit", CaseA),
        Get("apprentice/portfolio/items/{id:int}/map", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/map", CaseA),
        Get("apprentice/portfolio/items/{id:int}/replace", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/replace", CaseA),
        Get("apprentice/portfolio/items/{id:int}/remove", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/remove", CaseA),
        Get("apprentice/project", Gate.Apprentice, _ => "/apprentice/project"),
        Get("apprentice/result", Gate.Apprentice, _ => "/apprentice/result"),
        Get("apprentice/appeal", Gate.Apprentice, _ => "/apprentice/appeal"),
        new("POST", "apprentice/portfolio/upload", Gate.Apprentice, _ => "/apprentice/portfolio/upload") { Actors = Apprentices, CsrfActor = Persona.ApprenticeA, Upload = true },
        new("POST", "apprentice/portfolio/items/{id:int}/replace", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/replace") { Actors = new HashSet<Persona> { Persona.ApprenticeA }, CsrfActor = Persona.ApprenticeA, Upload = true },
        Post("apprentice/portfolio/items/{id:int}/edit", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/edit", new HashSet<Persona> { Persona.ApprenticeA }),
        Post("apprentice/portfolio/items/{id:int}/map", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/map", new HashSet<Persona> { Persona.ApprenticeA }),
        Post("apprentice/portfolio/items/{id:int}/remove", Gate.Apprentice, w => $"/apprentice/portfolio/items/{w.A.EvidenceItemId}/remove", new HashSet<Persona> { Persona.ApprenticeA }),
        Post("apprentice/portfolio/submit", Gate.Apprentice, _ => "/apprentice/portfolio/submit", Apprentices),
        new("POST", "apprentice/project/upload", Gate.Apprentice, _ => "/apprentice/project/upload") { Actors = Apprentices, CsrfActor = null, Upload = true },
        Post("apprentice/project/summary", Gate.Apprentice, _ => "/apprentice/project/summary", Apprentices),
        Post("apprentice/project/deliverables/{fileId:guid}/remove", Gate.Apprentice, w => $"/apprentice/project/deliverables/{w.A.EvidenceFileId}/remove", new HashSet<Persona> { Persona.ApprenticeA }),
        Post("apprentice/project/submit", Gate.Apprentice, _ => "/apprentice/project/submit", Apprentices),
        Post("apprentice/appeal", Gate.Apprentice, _ => "/apprentice/appeal", Apprentices),

        // Employer: case A belongs to employer A's organisation, not employer B's.
        Get("employer", Gate.Employer, _ => "/employer"),
        Get("employer/cases/{caseId:int}", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}", CaseA),
        Get("employer/cases/{caseId:int}/entry-requirements", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/entry-requirements", CaseA),
        Get("employer/cases/{caseId:int}/portfolio", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/portfolio", CaseA),
        Get("employer/cases/{caseId:int}/gateway", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/gateway", CaseA),
        Get("employer/cases/{caseId:int}/adjustments", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/adjustments", CaseA),
        Get("employer/cases/{caseId:int}/reference", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/reference", CaseA),
        Get("employer/cases/{caseId:int}/result", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/result", CaseA),
        Get("employer/cases/{caseId:int}/appeal", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/appeal", CaseA),
        Post("employer/cases/{caseId:int}/entry-requirements", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/entry-requirements", new HashSet<Persona> { Persona.EmployerA }),
        Post("employer/cases/{caseId:int}/entry-requirements/{qualificationId:int}/remove", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/entry-requirements/1/remove", new HashSet<Persona> { Persona.EmployerA }),
        Post("employer/cases/{caseId:int}/portfolio/confirm", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/portfolio/confirm", new HashSet<Persona> { Persona.EmployerA }),
        Post("employer/cases/{caseId:int}/portfolio/return", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/portfolio/return", new HashSet<Persona> { Persona.EmployerA }),
        new("POST", "employer/cases/{caseId:int}/gateway", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/gateway") { Actors = new HashSet<Persona> { Persona.EmployerA }, CsrfActor = Persona.EmployerA, Upload = true },
        Post("employer/cases/{caseId:int}/reference", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/reference", new HashSet<Persona> { Persona.EmployerA }),
        new("POST", "employer/cases/{caseId:int}/adjustments", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/adjustments") { Actors = new HashSet<Persona> { Persona.EmployerA }, CsrfActor = Persona.EmployerA, Upload = true },
        Get("employer/cases/{caseId:int}/adjustments/{adjustmentId:int}/edit", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/adjustments/{w.A.AdjustmentId}/edit", p => p == Persona.EmployerA ? Status.Ok : Status.NotFound),
        new("POST", "employer/cases/{caseId:int}/adjustments/{adjustmentId:int}/edit", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/adjustments/{w.A.AdjustmentId}/edit") { Actors = new HashSet<Persona> { Persona.EmployerA }, CsrfActor = Persona.EmployerA, Upload = true },
        Post("employer/cases/{caseId:int}/appeal", Gate.Employer, w => $"/employer/cases/{w.CaseIdA()}/appeal", new HashSet<Persona> { Persona.EmployerA }),

        // Training provider (issue 19): case A names provider A, not provider B. Case A's result is released, so
        // provider A's co-signature, gateway evidence and next-attempt agreement are refused by the workflow (a 200
        // with the reason), not by access.
        Get("provider", Gate.Provider, _ => "/provider"),
        Get("provider/register", Gate.Provider, _ => "/provider/register"),
        Post("provider/register", Gate.Provider, _ => "/provider/register", new HashSet<Persona> { Persona.ProviderA, Persona.ProviderB }),
        Get("provider/cases/{caseId:int}", Gate.Provider, w => $"/provider/cases/{w.CaseIdA()}", CaseA),
        Post("provider/cases/{caseId:int}/gateway/co-sign", Gate.Provider, w => $"/provider/cases/{w.CaseIdA()}/gateway/co-sign", new HashSet<Persona> { Persona.ProviderA }),
        new("POST", "provider/cases/{caseId:int}/gateway/evidence", Gate.Provider, w => $"/provider/cases/{w.CaseIdA()}/gateway/evidence") { Actors = new HashSet<Persona> { Persona.ProviderA }, CsrfActor = Persona.ProviderA, Upload = true },
        Post("provider/cases/{caseId:int}/next-attempt", Gate.Provider, w => $"/provider/cases/{w.CaseIdA()}/next-attempt", new HashSet<Persona> { Persona.ProviderA }),
        new("POST", "provider/cases/{caseId:int}/next-attempt/plan", Gate.Provider, w => $"/provider/cases/{w.CaseIdA()}/next-attempt/plan") { Actors = new HashSet<Persona> { Persona.ProviderA }, CsrfActor = Persona.ProviderA, Upload = true },

        // Assessor: case A is allocated to assessor A; QA and admins may look (read-only).
        Get("assessor", Gate.Assessor, _ => "/assessor"),
        Get("assessor/export.csv", Gate.Assessor, _ => "/assessor/export.csv"),
        Get("assessor/conflicts", Gate.Assessor, _ => "/assessor/conflicts"),
        Get("assessor/cases/{caseId:int}", Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}", CaseA),
        Get("assessor/cases/{caseId:int}/project", Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}/project", CaseA),
        Get("assessor/cases/{caseId:int}/interview", Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}/interview", CaseA),
        Get("assessor/cases/{caseId:int}/notes", Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}/notes", CaseA),
        Get("assessor/cases/{caseId:int}/judgement", Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}/judgement", CaseA),
        Post("assessor/conflicts", Gate.Assessor, _ => "/assessor/conflicts", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        Post("assessor/conflicts/{id:int}/end", Gate.Assessor, w => $"/assessor/conflicts/{w.ConflictIdA}/end", new HashSet<Persona> { Persona.AssessorA }),
        // The assessor's own diary and calendar feed (issue 18): each assessor changes only their own.
        Get("assessor/availability", Gate.Assessor, _ => "/assessor/availability"),
        Post("assessor/availability/hours", Gate.Assessor, _ => "/assessor/availability/hours", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        Post("assessor/availability/leave", Gate.Assessor, _ => "/assessor/availability/leave", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        Post("assessor/availability/leave/remove", Gate.Assessor, _ => "/assessor/availability/leave/remove", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        Post("assessor/availability/feed", Gate.Assessor, _ => "/assessor/availability/feed", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        Post("assessor/availability/feed/revoke", Gate.Assessor, _ => "/assessor/availability/feed/revoke", new HashSet<Persona> { Persona.AssessorA, Persona.AssessorB }),
        // The feed's secret is its credential: an unknown token is 404 for everyone, signed in or not.
        Get("calendar/{token}.ics", Gate.Anyone, _ => "/calendar/not-a-real-calendar-token-0000000000.ics", All(Status.NotFound)),
        // Admins may also run the case's logistics: start the review, set the project brief, book and move the interview.
        StaffPost("assessor/cases/{caseId:int}/start-review", "start-review", adminMay: true),
        StaffPost("assessor/cases/{caseId:int}/project", "project", adminMay: true),
        StaffPost("assessor/cases/{caseId:int}/interview/book", "interview/book", adminMay: true),
        StaffPost("assessor/cases/{caseId:int}/interview/reschedule", "interview/reschedule", adminMay: true),
        StaffPost("assessor/cases/{caseId:int}/interview/record", "interview/record"),
        StaffPost("assessor/cases/{caseId:int}/notes", "notes"),
        StaffPost("assessor/cases/{caseId:int}/notes/autosave", "notes/autosave"),
        StaffPost("assessor/cases/{caseId:int}/judgement", "judgement"),
        StaffPost("assessor/cases/{caseId:int}/judgement/autosave", "judgement/autosave"),

        // Quality assurance.
        Get("quality", Gate.QualityAssurer, _ => "/quality"),
        Get("quality/decided", Gate.QualityAssurer, _ => "/quality/decided"),
        Get("quality/export.csv", Gate.QualityAssurer, _ => "/quality/export.csv"),
        Get("quality/cases/{caseId:int}", Gate.QualityAssurer, w => $"/quality/cases/{w.CaseIdA()}"),
        Post("quality/cases/{caseId:int}/approve", Gate.QualityAssurer, w => $"/quality/cases/{w.CaseIdA()}/approve", new HashSet<Persona> { Persona.QualityAssurer }),
        Post("quality/cases/{caseId:int}/return", Gate.QualityAssurer, w => $"/quality/cases/{w.CaseIdA()}/return", new HashSet<Persona> { Persona.QualityAssurer }),
        Post("quality/cases/{caseId:int}/moderate", Gate.QualityAssurer, w => $"/quality/cases/{w.CaseIdA()}/moderate", new HashSet<Persona> { Persona.QualityAssurer }),

        // Reports (issue 21): quality assurers and admins; never a party to a case, nor an assessor.
        Get("reports", Gate.Reports, _ => "/reports"),
        Get("reports/cases", Gate.Reports, _ => "/reports/cases?figure=Results"),
        Get("reports/cases.csv", Gate.Reports, _ => "/reports/cases.csv?figure=Results"),
        Get("reports/{report:regex(^(results|quality|attempts|timeliness|appeals)$)}.csv", Gate.Reports, _ => "/reports/results.csv"),

        // Admin: everything under /admin is for admins only.
        Get("admin", Gate.Admin, _ => "/admin"),
        Get("admin/audit", Gate.Admin, _ => "/admin/audit"),
        Get("admin/audit/export.csv", Gate.Admin, _ => "/admin/audit/export.csv"),
        Get("admin/outbox", Gate.Admin, _ => "/admin/outbox"),
        Get("admin/conflicts", Gate.Admin, _ => "/admin/conflicts"),
        Get("admin/appeals", Gate.Admin, _ => "/admin/appeals"),
        Get("admin/organisations", Gate.Admin, _ => "/admin/organisations"),
        Get("admin/organisations/export.csv", Gate.Admin, _ => "/admin/organisations/export.csv"),
        Get("admin/organisations/new", Gate.Admin, _ => "/admin/organisations/new"),
        Get("admin/organisations/{id:int}", Gate.Admin, w => $"/admin/organisations/{w.AcmeId}"),
        Get("admin/apprentices", Gate.Admin, _ => "/admin/apprentices"),
        Get("admin/apprentices/export.csv", Gate.Admin, _ => "/admin/apprentices/export.csv"),
        Get("admin/apprentices/new", Gate.Admin, _ => "/admin/apprentices/new"),
        Get("admin/apprentices/import", Gate.Admin, _ => "/admin/apprentices/import"),
        Get("admin/apprentices/{id:int}", Gate.Admin, w => $"/admin/apprentices/{w.A.ApprenticeId}"),
        Get("admin/bank-holidays", Gate.Admin, _ => "/admin/bank-holidays"),
        Get("admin/standards", Gate.Admin, _ => "/admin/standards"),
        Get("admin/standards/import", Gate.Admin, _ => "/admin/standards/import"),
        Get("admin/standards/versions/{id:int}", Gate.Admin, w => $"/admin/standards/versions/{w.StandardVersionId}"),
        Get("admin/users", Gate.Admin, _ => "/admin/users"),
        Get("admin/users/export.csv", Gate.Admin, _ => "/admin/users/export.csv"),
        Get("admin/users/invite", Gate.Admin, _ => "/admin/users/invite"),
        Get("admin/users/{id}", Gate.Admin, w => $"/admin/users/{w.A.ApprenticeUserId}"),
        Get("admin/cases", Gate.Admin, _ => "/admin/cases"),
        Get("admin/cases/export.csv", Gate.Admin, _ => "/admin/cases/export.csv"),
        Get("admin/cases/new", Gate.Admin, _ => "/admin/cases/new"),
        Get("admin/cases/{id:int}", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}"),
        Get("admin/cases/{id:int}/{command:regex(^(withdraw|hold|resume)$)}", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/hold"),
        Get("admin/cases/{id:int}/extension", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/extension"),
        Get("admin/cases/{id:int}/allocate", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/allocate"),
        Get("admin/allocation", Gate.Admin, _ => "/admin/allocation"),
        Get("admin/standardisation", Gate.Admin, _ => "/admin/standardisation"),
        Get("admin/sampling-plans", Gate.Admin, _ => "/admin/sampling-plans"),
        Get("admin/sampling-plans/{versionId:int}", Gate.Admin, w => $"/admin/sampling-plans/{w.StandardVersionId}"),
        Get("admin/cases/{id:int}/gateway", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/gateway"),
        Get("admin/cases/{id:int}/adjustments", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/adjustments"),
        Get("admin/cases/{id:int}/adjustments/{adjustmentId:int}/edit", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/adjustments/{w.A.AdjustmentId}/edit"),
        Get("admin/cases/{caseId:int}/reference", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/reference"),
        Get("admin/cases/{caseId:int}/appeal", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/appeal"),
        Get("admin/results", Gate.Admin, _ => "/admin/results"),
        Get("admin/results/export-check", Gate.Admin, _ => "/admin/results/export-check"),
        Get("admin/results/export.csv", Gate.Admin, _ => "/admin/results/export.csv"),
        Get("admin/results/released.csv", Gate.Admin, _ => "/admin/results/released.csv"),
        Get("admin/results/cases/{caseId:int}", Gate.Admin, w => $"/admin/results/cases/{w.CaseIdA()}"),
        Admin("admin/organisations/new", _ => "/admin/organisations/new"),
        Admin("admin/organisations/{id:int}", w => $"/admin/organisations/{w.AcmeId}"),
        Admin("admin/apprentices/new", _ => "/admin/apprentices/new"),
        Admin("admin/apprentices/import", _ => "/admin/apprentices/import"),
        Admin("admin/apprentices/{id:int}/nation", w => $"/admin/apprentices/{w.A.ApprenticeId}/nation"),
        Admin("admin/bank-holidays", _ => "/admin/bank-holidays"),
        Admin("admin/standards/import", _ => "/admin/standards/import"),
        Admin("admin/users/invite", _ => "/admin/users/invite"),
        Admin("admin/users/{id}/roles", w => $"/admin/users/{w.A.ApprenticeUserId}/roles"),
        Admin("admin/users/{id}/disable", w => $"/admin/users/{w.A.ApprenticeUserId}/disable"),
        Admin("admin/users/{id}/enable", w => $"/admin/users/{w.A.ApprenticeUserId}/enable"),
        Admin("admin/users/{id}/close", w => $"/admin/users/{w.A.ApprenticeUserId}/close"),
        Admin("admin/users/{id}/resend", w => $"/admin/users/{w.A.ApprenticeUserId}/resend"),
        Admin("admin/cases/new", _ => "/admin/cases/new"),
        Admin("admin/cases/{id:int}/{command:regex(^(withdraw|hold|resume)$)}", w => $"/admin/cases/{w.CaseIdA()}/hold"),
        Admin("admin/cases/{id:int}/extension", w => $"/admin/cases/{w.CaseIdA()}/extension"),
        Admin("admin/cases/{id:int}/allocate", w => $"/admin/cases/{w.CaseIdA()}/allocate"),
        Admin("admin/allocation", _ => "/admin/allocation"),
        Admin("admin/standardisation", _ => "/admin/standardisation"),
        Admin("admin/sampling-plans/{versionId:int}", w => $"/admin/sampling-plans/{w.StandardVersionId}"),
        Admin("admin/users/{id}/capacity", w => $"/admin/users/{w.A.ApprenticeUserId}/capacity"),
        Admin("admin/users/{id}/records", w => $"/admin/users/{w.A.ApprenticeUserId}/records"),
        Admin("admin/cases/{id:int}/gateway", w => $"/admin/cases/{w.CaseIdA()}/gateway"),
        new("POST", "admin/cases/{id:int}/adjustments", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/adjustments") { Actors = AdminOnly, CsrfActor = Persona.Admin, Upload = true },
        new("POST", "admin/cases/{id:int}/adjustments/{adjustmentId:int}/edit", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/adjustments/{w.A.AdjustmentId}/edit") { Actors = AdminOnly, CsrfActor = Persona.Admin, Upload = true },
        Admin("admin/cases/{id:int}/adjustments/{adjustmentId:int}/decide", w => $"/admin/cases/{w.CaseIdA()}/adjustments/1/decide"),
        Admin("admin/cases/{caseId:int}/reference/reopen", w => $"/admin/cases/{w.CaseIdA()}/reference/reopen"),
        Admin("admin/cases/{caseId:int}/appeal/reviewer", w => $"/admin/cases/{w.CaseIdA()}/appeal/reviewer"),
        Admin("admin/cases/{caseId:int}/appeal/decision", w => $"/admin/cases/{w.CaseIdA()}/appeal/decision"),
        Admin("admin/cases/{caseId:int}/appeal/reassessment", w => $"/admin/cases/{w.CaseIdA()}/appeal/reassessment"),
        Admin("admin/results/release", _ => "/admin/results/release"),
        Admin("admin/results/cases/{caseId:int}/fail", w => $"/admin/results/cases/{w.CaseIdA()}/fail"),
        Admin("admin/results/cases/{caseId:int}/certificate", w => $"/admin/results/cases/{w.CaseIdA()}/certificate"),
        Admin("admin/results/cases/{caseId:int}/next-attempt", w => $"/admin/results/cases/{w.CaseIdA()}/next-attempt"),
        Admin("admin/results/cases/{caseId:int}/exceptional-circumstances", w => $"/admin/results/cases/{w.CaseIdA()}/exceptional-circumstances"),
        Admin("admin/outbox/{id:long}/retry", _ => "/admin/outbox/1/retry"),

        // Integrations (issue 23): the admin pages, the OpenAPI document and its reference page.
        Get("admin/api-clients", Gate.Admin, _ => "/admin/api-clients"),
        Get("admin/webhooks", Gate.Admin, _ => "/admin/webhooks"),
        Get("admin/webhooks/{id:int}", Gate.Admin, _ => "/admin/webhooks/999999", All(Status.NotFound)),
        Get("admin/national-service", Gate.Admin, _ => "/admin/national-service"),
        Get("admin/national-service/{caseId:int}", Gate.Admin, w => $"/admin/national-service/{w.CaseIdA()}"),
        Get("openapi/{documentName}.json", Gate.Admin, _ => "/openapi/v1.json"),
        Get("admin/api-reference/{documentName?}", Gate.Admin, _ => "/admin/api-reference/"),
        // The reference page's own script and icon (Scalar.AspNetCore marks them anonymous: public, nothing of a case).
        Get("admin/api-reference/scalar.js", Gate.Anyone, _ => "/admin/api-reference/scalar.js"),
        Get("admin/api-reference/scalar.aspnetcore.js", Gate.Anyone, _ => "/admin/api-reference/scalar.aspnetcore.js"),
        Get("admin/api-reference/favicon.svg", Gate.Anyone, _ => "/admin/api-reference/favicon.svg"),
        Admin("admin/api-clients", _ => "/admin/api-clients"),
        Admin("admin/api-clients/{id:int}/secret", _ => "/admin/api-clients/999999/secret"),
        Admin("admin/api-clients/{id:int}/disable", _ => "/admin/api-clients/999999/disable"),
        Admin("admin/webhooks", _ => "/admin/webhooks"),
        Admin("admin/webhooks/{id:int}/disable", _ => "/admin/webhooks/999999/disable"),
        Admin("admin/webhooks/deliveries/{id:long}/resend", _ => "/admin/webhooks/deliveries/999999/resend"),
        Admin("admin/national-service/{caseId:int}/send", _ => "/admin/national-service/999999/send"),

        // The API (issue 23): bearer tokens only, no cookie, so nothing to forge; the token endpoint is anonymous by
        // design (the client's id and secret are the credential). tests/Api checks scopes and organisations.
        new("POST", "api/oauth/token", Gate.Anyone, _ => "/api/oauth/token")
        {
            Actors = new HashSet<Persona>(SecurityWorld.All),
            CsrfExempt = "OAuth 2.0 token endpoint: authenticated by the client's id and secret, never by a cookie.",
        },
        Api("GET", "api/v1/apprentices", _ => "/api/v1/apprentices"),
        Api("GET", "api/v1/apprentices/{id:int}", w => $"/api/v1/apprentices/{w.A.ApprenticeId}"),
        Api("POST", "api/v1/apprentices", _ => "/api/v1/apprentices"),
        Api("PUT", "api/v1/apprentices/{id:int}", w => $"/api/v1/apprentices/{w.A.ApprenticeId}"),
        Api("GET", "api/v1/registrations", _ => "/api/v1/registrations"),
        Api("GET", "api/v1/registrations/{id:int}", w => $"/api/v1/registrations/{w.CaseIdA()}"),
        Api("POST", "api/v1/registrations", _ => "/api/v1/registrations"),
        Api("GET", "api/v1/registrations/{id:int}/result", w => $"/api/v1/registrations/{w.CaseIdA()}/result"),
        Api("POST", "api/v1/registrations/{id:int}/gateway-evidence", w => $"/api/v1/registrations/{w.CaseIdA()}/gateway-evidence"),

        // Records and privacy (issue 22): the audit chain, retention, legal holds, exports and requests are for admins;
        // everyone signed in has their own "Your data" page and can ask for a correction or erasure.
        Get("admin/audit/chain", Gate.Admin, _ => "/admin/audit/chain"),
        Get("admin/audit/chain/verifications/{id:int}", Gate.Admin, _ => "/admin/audit/chain/verifications/999999", All(Status.NotFound)),
        Get("admin/retention", Gate.Admin, _ => "/admin/retention"),
        Get("admin/retention/reports/{id:int}", Gate.Admin, _ => "/admin/retention/reports/999999", All(Status.NotFound)),
        Get("admin/cases/{caseId:int}/legal-hold", Gate.Admin, w => $"/admin/cases/{w.CaseIdA()}/legal-hold"),
        Get("admin/privacy", Gate.Admin, _ => "/admin/privacy"),
        Get("admin/privacy/requests/{id:int}", Gate.Admin, _ => "/admin/privacy/requests/999999", All(Status.NotFound)),
        Get("admin/privacy/exports", Gate.Admin, _ => "/admin/privacy/exports"),
        Get("admin/privacy/exports/new", Gate.Admin, w => $"/admin/privacy/exports/new?userId={Uri.EscapeDataString(w.A.ApprenticeUserId)}"),
        Get("account/privacy", Gate.SignedIn, _ => "/account/privacy"),
        Admin("admin/audit/chain/verify", _ => "/admin/audit/chain/verify"),
        Admin("admin/retention/schedule", _ => "/admin/retention/schedule"),
        Admin("admin/retention/reports", _ => "/admin/retention/reports"),
        Admin("admin/retention/reports/{id:int}/approve", _ => "/admin/retention/reports/999999/approve"),
        Admin("admin/cases/{caseId:int}/legal-hold", w => $"/admin/cases/{w.CaseIdA()}/legal-hold"),
        Admin("admin/cases/{caseId:int}/legal-hold/lift", w => $"/admin/cases/{w.CaseIdA()}/legal-hold/lift"),
        Admin("admin/privacy/requests/{id:int}", _ => "/admin/privacy/requests/999999"),
        Admin("admin/privacy/exports/new", w => $"/admin/privacy/exports/new?userId={Uri.EscapeDataString(w.A.ApprenticeUserId)}"),
        Admin("admin/privacy/exports/{id:int}/download", _ => "/admin/privacy/exports/999999/download"),
        Post("account/privacy", Gate.SignedIn, _ => "/account/privacy", new HashSet<Persona>(SecurityWorld.All.Where(p => p != Persona.Anonymous)), Persona.EmployerA),

        // Setting a password from an invitation link (anonymous; the link's code is the credential).
        Get("account/set-password", Gate.Anyone, _ => "/account/set-password"),
        new("POST", "account/set-password", Gate.Anyone, _ => "/account/set-password") { Actors = new HashSet<Persona>(SecurityWorld.All), CsrfActor = Persona.Anonymous },

        // ASP.NET Core Identity pages (the default UI plus the portal's own Login, Register, ForgotPassword,
        // RegisterConfirmation and EnableAuthenticator).
        Page("Identity/Account/AccessDenied", Gate.SignedIn),

        // Without their link's parameters these send people on.
        Page("Identity/Account/ConfirmEmail", Gate.Anyone, All(Status.Redirect)),
        Page("Identity/Account/ConfirmEmailChange", Gate.Anyone, All(Status.Redirect)),
        Page("Identity/Account/ConfirmEmailChangeDone", Gate.Anyone),

        // "This was not me" from the old address: without a valid link, a clear 400.
        Page("Identity/Account/UndoEmailChange", Gate.Anyone, All(Status.BadRequest)),
        Page("Identity/Account/ExternalLogin", Gate.Anyone, All(Status.Redirect)),
        Page("Identity/Account/ForgotPassword", Gate.Anyone),
        Page("Identity/Account/ForgotPasswordConfirmation", Gate.Anyone),
        Page("Identity/Account/Lockout", Gate.Anyone),
        Page("Identity/Account/Login", Gate.Anyone),

        // With no two-factor sign-in in progress these send people to sign in (IdentityOutOfSequenceFilter).
        Page("Identity/Account/LoginWith2fa", Gate.Anyone, All(Status.Redirect)),
        Page("Identity/Account/LoginWithRecoveryCode", Gate.Anyone, All(Status.Redirect)),
        Page("Identity/Account/Logout", Gate.Anyone),

        // Nobody registers themselves: accounts are created by admins (invitations) and imports.
        Page("Identity/Account/Register", Gate.Anyone, All(Status.NotFound)),
        Page("Identity/Account/RegisterConfirmation", Gate.Anyone, All(Status.NotFound)),
        Page("Identity/Account/ResendEmailConfirmation", Gate.Anyone),
        Page("Identity/Account/ResetPassword", Gate.Anyone, All(Status.BadRequest)),
        Page("Identity/Account/ResetPasswordConfirmation", Gate.Anyone),
        Page("Identity/Account/Manage", Gate.SignedIn),
        Page("Identity/Account/Manage/Index", Gate.SignedIn),
        Page("Identity/Account/Manage/ChangePassword", Gate.SignedIn),
        // Nobody deletes their own account (issue 16 item 13): admins close accounts, keeping the records.
        Page("Identity/Account/Manage/DeletePersonalData", Gate.SignedIn, All(Status.NotFound)),
        Page("Identity/Account/Manage/Disable2fa", Gate.SignedIn, All(Status.Redirect)), // two-factor is off: to its settings
        Page("Identity/Account/Manage/DownloadPersonalData", Gate.SignedIn, All(Status.NotFound)),
        Page("Identity/Account/Manage/Email", Gate.SignedIn),

        // Opening the set-up page changes nothing: the key is made on a POST after the password (issue 20 item 1).
        Page("Identity/Account/Manage/EnableAuthenticator", Gate.SignedIn),
        Page("Identity/Account/Manage/ExternalLogins", Gate.SignedIn),
        Page("Identity/Account/Manage/GenerateRecoveryCodes", Gate.SignedIn, All(Status.Redirect)), // two-factor is off: to its settings
        Page("Identity/Account/Manage/PersonalData", Gate.SignedIn),
        Page("Identity/Account/Manage/ResetAuthenticator", Gate.SignedIn),
        Page("Identity/Account/Manage/SetPassword", Gate.SignedIn, All(Status.Redirect)),
        Page("Identity/Account/Manage/ShowRecoveryCodes", Gate.SignedIn, All(Status.Redirect)),
        Page("Identity/Account/Manage/TwoFactorAuthentication", Gate.SignedIn),
        Page("Identity/Error", Gate.Anyone),
    ];

    /// <summary>An API endpoint: a persona's GET is 401 (no bearer token); the matrix's form POST is 415 (the API takes
    /// JSON or multipart only, and answers so before asking who calls).</summary>
    private static MatrixRow Api(string method, string pattern, Func<SecurityWorld, string> url) =>
        new(method, pattern, Gate.ApiClient, url)
        {
            Outcome = All(Status.Unauthorized),
            Refused = All((int)System.Net.HttpStatusCode.UnsupportedMediaType),
            CsrfExempt = "Bearer token only: a browser's cookies never authenticate the API, so there is nothing to forge.",
        };

    /// <summary>An assessor's action on case A: only assessor A may; assessor B (not allocated) gets 404; QA and
    /// admins, who may read the case, may not change it.</summary>
    private static MatrixRow StaffPost(string pattern, string path, bool adminMay = false) =>
        Post(pattern, Gate.Staff, w => $"/assessor/cases/{w.CaseIdA()}/{path}", adminMay ? new HashSet<Persona> { Persona.AssessorA, Persona.Admin } : new HashSet<Persona> { Persona.AssessorA },
            refused: p => p is Persona.QualityAssurer or Persona.Admin ? Status.Forbidden : Status.NotFound);
}
