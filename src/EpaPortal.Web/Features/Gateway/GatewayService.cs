using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Employer;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Gateway;

/// <summary>
/// The employer's gateway submission: each submission is a new <see cref="GatewaySubmission"/> row, and
/// the case moves to GatewaySubmitted in the same save, or the workflow names every missing item and
/// nothing is saved. Certificates and English/maths evidence are single-file uploads through the
/// evidence store, kept even when the submission is refused so the employer does not upload them twice.
/// </summary>
public sealed class GatewayService(
    PortalDbContext db,
    CurrentUser currentUser,
    AuditLog audit,
    TimeProvider clock,
    CaseCommands commands,
    StandardVersionCache versions,
    CaseWorkflow workflow,
    Notifier notifier,
    EvidenceFileCommitter committer,
    IOptions<UploadOptions> uploadOptions)
{
    /// <summary>Certificates and level 2 evidence are documents: a PDF, or a scan or photo of the certificate.</summary>
    private static readonly HashSet<string> DocumentExtensions = new(["pdf", "png", "jpg", "jpeg"], StringComparer.Ordinal);

    /// <summary>Whether an accepted file is a document (a PDF or an image): gateway evidence, and the provider's supportive action plan.</summary>
    public static bool IsDocument(FileType type) => DocumentExtensions.Contains(type.Extension);

    public string Accept => string.Join(',', FileTypes.Allowed(uploadOptions.Value).Where(t => DocumentExtensions.Contains(t.Extension)).Select(t => "." + t.Extension));

    /// <summary>The gateway form and its evidence may change now (the domain's rule, the same for the employer and the training provider).</summary>
    public static bool IsEditable(CaseAccessInfo info) => CaseWorkflow.GatewayEvidenceClosed(info.State, info.IsOnHold) is null;

    /// <summary>The knowledge modules of the case's standard version (from the cache: no query).</summary>
    public async Task<IReadOnlyList<string>> ModuleNamesAsync(CaseAccessInfo info, CancellationToken cancellationToken) =>
        (await versions.GetAsync(db, info.StandardVersionId, cancellationToken)).KnowledgeModules.OrderBy(m => m.Order).Select(m => m.Name).ToList();

    public async Task<GatewayPageViewModel> PageAsync(CaseAccessInfo info, GatewayInput? input, IReadOnlyList<string> problems, IReadOnlyList<string> fileMessages, CancellationToken cancellationToken)
    {
        var caseId = info.CaseId;
        var version = await versions.GetAsync(db, info.StandardVersionId, cancellationToken);
        var facts = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new
            {
                c.Apprentice!.StartDate,
                c.PortfolioSubmittedAt,
                c.PortfolioConfirmedAt,
                ReferenceStatus = db.EmployerReferences.Where(r => r.CaseId == c.Id).Select(r => (ReferenceStatus?)r.Status).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var modules = await ModuleNamesAsync(info, cancellationToken);
        var latest = await db.GatewaySubmissions.AsNoTracking().Include(g => g.ModuleResults).Include(g => g.Reviews)
            .Where(g => g.CaseId == caseId)
            .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        var minimumMonths = version.Settings.MinimumMonthsOnProgramme;

        var files = await GatewayFiles.OfCaseAsync(db, caseId, info.Parties.ProviderOrganisationId, cancellationToken);
        if (input is null)
        {
            input = latest is null ? new GatewayInput { SignatoryName = currentUser.DisplayName } : InputFrom(latest, modules);
            while (input.Modules.Count < modules.Count)
            {
                input.Modules.Add(new KnowledgeModuleInput());
            }

            OfferLatestFiles(input, files, modules.Count);
        }

        while (input.Modules.Count < modules.Count)
        {
            input.Modules.Add(new KnowledgeModuleInput());
        }

        var today = DateOnly.FromDateTime(UkTime.ToUk(clock.GetUtcNow()).DateTime);
        var reachedOn = facts.StartDate.AddMonths(minimumMonths);
        var prerequisites = new GatewayPrerequisites(
            facts.PortfolioSubmittedAt is null ? "The apprentice has not submitted the portfolio."
                : facts.PortfolioConfirmedAt is null ? "Submitted by the apprentice; you have not confirmed it yet."
                : $"Submitted and confirmed as the apprentice's own work on {UkTime.Date(facts.PortfolioConfirmedAt.Value)}.",
            facts.PortfolioConfirmedAt is not null,
            facts.ReferenceStatus switch
            {
                ReferenceStatus.Submitted => "Submitted.",
                ReferenceStatus.Draft => "Draft saved, not submitted.",
                _ => "Not started.",
            },
            facts.ReferenceStatus == ReferenceStatus.Submitted,
            UkTime.Date(facts.StartDate),
            UkTime.Date(reachedOn),
            reachedOn <= today,
            minimumMonths);

        var header = new EmployerCaseHeader(caseId, info.ApprenticeName, info.Uln, info.OrganisationName, info.StandardCode, info.State, info.IsOnHold);
        return new GatewayPageViewModel
        {
            Header = header,
            Editable = IsEditable(info),
            ModuleNames = modules,
            Input = input,
            Files = files.ToDictionary(f => f.Id),
            Latest = latest is null ? null : Summary(latest),
            Prerequisites = prerequisites,
            Problems = problems,
            FileMessages = fileMessages,
            Accept = Accept,
        };
    }

    /// <summary>Receives the form's files: each file input follows a hidden "slot" field naming what it is.</summary>
    public GatewayUploadTarget UploadTarget(CaseAccessInfo info, CaseSnapshot snapshot, IReadOnlyList<string> moduleNames)
    {
        // The bytes the case holds and has reserved (Storage/StorageQuota), read with the tracked case: no query.
        var stored = db.Entry(snapshot.Case).Property<long>(StorageQuota.UsedBytesColumn).CurrentValue;
        var closed = CaseWorkflow.GatewayEvidenceClosed(info.State, info.IsOnHold) is { } refusal
            ? $"could not be used: {char.ToLowerInvariant(refusal[0])}{refusal[1..].TrimEnd('.')}"
            : null;
        return new GatewayUploadTarget(this, info.CaseId, moduleNames, uploadOptions.Value.QuotaBytesPerCase - stored, closed);
    }

    /// <summary>
    /// Checks that every file the form refers to is a certificate or evidence file of this case; an id
    /// that is not (a tampered form, or a file of another case) is dropped and named.
    /// </summary>
    /// <remarks>The files stored by this request (<paramref name="justStored"/>, with their purposes) are known
    /// without a query; only ids from an earlier upload are looked up.</remarks>
    public async Task<IReadOnlyList<string>> CheckFilesAsync(int caseId, GatewayInput input, IReadOnlyList<string> moduleNames, IReadOnlyDictionary<Guid, FilePurpose> justStored, CancellationToken cancellationToken)
    {
        var ids = FileIds(input).Where(id => !justStored.ContainsKey(id)).ToList();
        var known = ids.Count == 0 ? new Dictionary<Guid, FilePurpose>() : await db.StoredFiles.AsNoTracking()
            .Where(f => f.CaseId == caseId && ids.Contains(f.Id))
            .Select(f => new { f.Id, f.Purpose })
            .ToDictionaryAsync(f => f.Id, f => f.Purpose, cancellationToken);
        foreach (var (id, purpose) in justStored)
        {
            known[id] = purpose;
        }

        var problems = new List<string>();
        Guid? Check(Guid? id, FilePurpose purpose, string what)
        {
            if (id is { } value && (!known.TryGetValue(value, out var actual) || actual != purpose))
            {
                problems.Add($"The file given for {what} was not found; upload it again.");
                return null;
            }

            return id;
        }

        for (var i = 0; i < input.Modules.Count && i < moduleNames.Count; i++)
        {
            input.Modules[i].CertificateFileId = Check(input.Modules[i].CertificateFileId, FilePurpose.KnowledgeModuleCertificate, $"the certificate of '{moduleNames[i]}'");
        }

        input.EnglishEvidenceFileId = Check(input.EnglishEvidenceFileId, FilePurpose.EnglishMathsEvidence, "English");
        input.MathsEvidenceFileId = Check(input.MathsEvidenceFileId, FilePurpose.EnglishMathsEvidence, "maths");
        return problems;
    }

    /// <summary>Everything the workflow would refuse if the form were submitted as it is, without saving anything.</summary>
    public IReadOnlyList<string> Check(CaseSnapshot snapshot, GatewayInput input)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        return workflow.Check(epaCase, CaseState.GatewaySubmitted, commands.Actor, facts with { Gateway = Build(epaCase, facts, input) }, reason: null);
    }

    /// <summary>Creates the submission and moves the case to GatewaySubmitted in one save, or saves nothing.</summary>
    public Task<CommandResult> SubmitAsync(CaseSnapshot snapshot, GatewayInput input, CancellationToken cancellationToken) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var submission = Build(epaCase, facts, input);
            var outcome = workflow.Transition(epaCase, CaseState.GatewaySubmitted, commands.Actor, facts with { Gateway = submission }, reason: null);
            if (outcome.Succeeded)
            {
                db.GatewaySubmissions.Add(submission);
                await notifier.GatewaySubmittedAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    internal async Task<(UploadOutcome Outcome, Guid? FileId)> AcceptFileAsync(int caseId, GatewaySlot slot, AcceptedFile file, CancellationToken cancellationToken)
    {
        if (!DocumentExtensions.Contains(file.Type.Extension))
        {
            return (UploadOutcome.Refused(file.FileName, $"is a .{file.Type.Extension} file; {slot.Label} must be a PDF or an image ({Accept})"), null);
        }

        try
        {
            var stored = await committer.CommitAsync(file, caseId, slot.Purpose, currentUser.Id, clock.GetUtcNow(), stored =>
            {
                // The item the file is for: a file the training provider uploads is offered in the employer's form.
                stored.GatewaySlot = slot.Key;
                audit.Add("GatewayFileUploaded", caseId, $"{slot.Label}: {stored.OriginalFileName} ({stored.SizeBytes} bytes, SHA-256 {stored.Sha256})").RecordsFile(stored);
            }, cancellationToken);
            return (new UploadOutcome(file.FileName, true, $"{file.FileName} was uploaded as {slot.Label}."), stored.Id);
        }
        catch (DbUpdateException)
        {
            return (UploadOutcome.Refused(file.FileName, "could not be saved; please try again"), null);
        }
    }

    private GatewaySubmission Build(EpaCase epaCase, CaseFacts facts, GatewayInput input)
    {
        var submission = new GatewaySubmission(epaCase.Id, currentUser.Id, clock.GetUtcNow())
        {
            EnglishEvidenceFileId = input.EnglishEvidenceFileId,
            EnglishExemptionReason = input.EnglishExemptionReason?.Trim(),
            MathsEvidenceFileId = input.MathsEvidenceFileId,
            MathsExemptionReason = input.MathsExemptionReason?.Trim(),
            MinimumTimeOnProgrammeConfirmed = input.MinimumTimeOnProgrammeConfirmed,
            PortfolioAndReferenceCompleteConfirmed = input.PortfolioAndReferenceCompleteConfirmed,
            ReadinessDeclared = input.ReadinessDeclared,
            ApprenticeConsentsToCertificateRequest = input.ApprenticeConsentsToCertificateRequest,
            EmployerSignatoryName = input.SignatoryName?.Trim(),
            EmployerSignatoryJobTitle = input.SignatoryJobTitle?.Trim(),
        };

        // A module without a pass date is not recorded; the workflow then names it as not passed.
        var modules = facts.StandardVersion.KnowledgeModules.OrderBy(m => m.Order).ToList();
        for (var i = 0; i < modules.Count && i < input.Modules.Count; i++)
        {
            if (input.Modules[i].PassedOnDate is { } passedOn)
            {
                submission.AddModuleResult(modules[i].Name, input.Modules[i].AwardingBody?.Trim() ?? string.Empty, passedOn, input.Modules[i].CertificateFileId ?? Guid.Empty);
            }
        }

        return submission;
    }

    /// <summary>A resubmission starts from the previous one: same answers, same files.</summary>
    private static GatewayInput InputFrom(GatewaySubmission latest, IReadOnlyList<string> modules) => new()
    {
        Modules = modules.Select(name =>
        {
            var result = latest.ModuleResults.FirstOrDefault(r => string.Equals(r.Module.Trim(), name, StringComparison.OrdinalIgnoreCase));
            return new KnowledgeModuleInput
            {
                AwardingBody = result?.AwardingBody,
                PassedOn = result?.PassedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                CertificateFileId = result?.CertificateFileId,
            };
        }).ToList(),
        EnglishEvidenceFileId = latest.EnglishEvidenceFileId,
        EnglishExemptionReason = latest.EnglishExemptionReason,
        MathsEvidenceFileId = latest.MathsEvidenceFileId,
        MathsExemptionReason = latest.MathsExemptionReason,
        MinimumTimeOnProgrammeConfirmed = latest.MinimumTimeOnProgrammeConfirmed,
        PortfolioAndReferenceCompleteConfirmed = latest.PortfolioAndReferenceCompleteConfirmed,
        ReadinessDeclared = latest.ReadinessDeclared,
        ApprenticeConsentsToCertificateRequest = latest.ApprenticeConsentsToCertificateRequest,
        SignatoryName = latest.EmployerSignatoryName,
        SignatoryJobTitle = latest.EmployerSignatoryJobTitle,
    };

    private static GatewaySummary Summary(GatewaySubmission latest)
    {
        // Decisions are shown once the admin has finished the review; until then every item is pending.
        var items = Enum.GetValues<GatewayItem>().Select(item =>
        {
            var review = latest.ReviewedAt is null ? null : latest.Reviews.FirstOrDefault(r => r.Item == item);
            return new GatewayItemOutcome(item, Domain.Common.DisplayNames.Of(item), review?.Decision ?? GatewayItemDecision.Pending, review?.Reason);
        }).ToList();
        return new GatewaySummary(UkTime.DateTime(latest.SubmittedAt), latest.ReviewedAt is { } reviewed ? UkTime.DateTime(reviewed) : null, items);
    }

    /// <summary>
    /// A file uploaded for an item after the one the form holds (by the training provider, or by the employer
    /// with a refused submission) is offered in its place, so the employer submits the latest evidence.
    /// </summary>
    private static void OfferLatestFiles(GatewayInput input, IReadOnlyList<GatewayFile> files, int moduleCount)
    {
        var latest = GatewayFiles.LatestBySlot(files);
        var uploadedAt = files.ToDictionary(f => f.Id, f => f.UploadedAt);
        Guid? Newer(Guid? current, string slot) =>
            latest.TryGetValue(slot, out var file) && (current is not { } id || !uploadedAt.TryGetValue(id, out var at) || file.UploadedAt > at) ? file.Id : current;

        for (var i = 0; i < moduleCount && i < input.Modules.Count; i++)
        {
            input.Modules[i].CertificateFileId = Newer(input.Modules[i].CertificateFileId, $"module-{i}");
        }

        input.EnglishEvidenceFileId = Newer(input.EnglishEvidenceFileId, "english");
        input.MathsEvidenceFileId = Newer(input.MathsEvidenceFileId, "maths");
    }

    private static IEnumerable<Guid> FileIds(GatewayInput input) =>
        input.Modules.Select(m => m.CertificateFileId).Append(input.EnglishEvidenceFileId).Append(input.MathsEvidenceFileId).OfType<Guid>().Distinct();
}

/// <summary>What one file input of the gateway form is for.</summary>
public sealed record GatewaySlot(string Key, FilePurpose Purpose, string Label, int? ModuleIndex)
{
    public const string FieldName = "slot";

    public static GatewaySlot? Parse(string? key, IReadOnlyList<string> moduleNames)
    {
        if (key == "english")
        {
            return new(key, FilePurpose.EnglishMathsEvidence, "the English evidence", null);
        }

        if (key == "maths")
        {
            return new(key, FilePurpose.EnglishMathsEvidence, "the maths evidence", null);
        }

        if (key is not null && key.StartsWith("module-", StringComparison.Ordinal)
            && int.TryParse(key.AsSpan("module-".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < moduleNames.Count)
        {
            return new(key, FilePurpose.KnowledgeModuleCertificate, $"the certificate of '{moduleNames[index]}'", index);
        }

        return null;
    }
}

/// <summary>The gateway form's files, one per slot; remembers which stored file each slot received.</summary>
public sealed class GatewayUploadTarget(GatewayService service, int caseId, IReadOnlyList<string> moduleNames, long remaining, string? closed) : IUploadTarget
{
    private readonly Dictionary<string, Guid> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, FilePurpose> _stored = [];

    public int CaseId => caseId;

    public long RemainingQuotaBytes => remaining;

    public IReadOnlyDictionary<string, Guid> Accepted => _accepted;

    /// <summary>The files this request stored, with what each is for.</summary>
    public IReadOnlyDictionary<Guid, FilePurpose> Stored => _stored;

    public string? CheckBeforeFile(IReadOnlyDictionary<string, string> fields)
    {
        if (closed is not null)
        {
            return closed;
        }

        var slot = Slot(fields);
        return slot is null ? "was not expected on this form"
            : _accepted.ContainsKey(slot.Key) ? "was not used: only one file can be uploaded for each item"
            : null;
    }

    public async Task<UploadOutcome> AcceptAsync(AcceptedFile file, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var slot = Slot(fields)!;
        var (outcome, fileId) = await service.AcceptFileAsync(caseId, slot, file, cancellationToken);
        if (fileId is { } id)
        {
            _accepted[slot.Key] = id;
            _stored[id] = slot.Purpose;
        }

        return outcome;
    }

    /// <summary>Puts the files just uploaded into the form, in place of any earlier file for the same item.</summary>
    public void ApplyTo(GatewayInput input)
    {
        foreach (var (key, id) in _accepted)
        {
            var slot = GatewaySlot.Parse(key, moduleNames)!;
            if (slot.ModuleIndex is { } index && index < input.Modules.Count)
            {
                input.Modules[index].CertificateFileId = id;
            }
            else if (key == "english")
            {
                input.EnglishEvidenceFileId = id;
            }
            else if (key == "maths")
            {
                input.MathsEvidenceFileId = id;
            }
        }
    }

    private GatewaySlot? Slot(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue(GatewaySlot.FieldName, out var key) ? GatewaySlot.Parse(key, moduleNames) : null;
}
