using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Scheduling;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// The case state machine of domain.md section 5 as a table: every allowed move with its actors, guards
/// and effects. A move that is not in the table is refused.
/// </summary>
internal static class TransitionRules
{
    private const CaseRelation Employer = CaseRelation.Employer;
    private const CaseRelation Apprentice = CaseRelation.Apprentice;
    private const CaseRelation Assessor = CaseRelation.AllocatedAssessor;
    private const CaseRelation Qa = CaseRelation.QualityAssurer;
    private const CaseRelation Admin = CaseRelation.Admin;
    private const CaseRelation System = CaseRelation.System;

    public static readonly IReadOnlySet<CaseState> Terminal = new HashSet<CaseState> { CaseState.CertificateRequested, CaseState.Withdrawn };

    public static readonly IReadOnlyList<TransitionRule> All = BuildTable();

    private static readonly Dictionary<(CaseState From, CaseState To), TransitionRule> ByMove = All.ToDictionary(r => (r.From, r.To));

    public static TransitionRule? Find(CaseState from, CaseState to) => ByMove.GetValueOrDefault((from, to));

    private static List<TransitionRule> BuildTable()
    {
        List<TransitionRule> rules =
        [
            // Gateway
            new(CaseState.Registered, CaseState.GatewaySubmitted, Employer, "the apprentice's employer", "submit the gateway", null, GatewayReady, StampGatewaySubmitted),
            new(CaseState.GatewayRejected, CaseState.GatewaySubmitted, Employer, "the apprentice's employer", "submit the gateway", null, GatewayReady, StampGatewaySubmitted),
            new(CaseState.GatewaySubmitted, CaseState.GatewayApproved, Admin, "an admin", "approve the gateway", null, GatewayApprovable, StampGatewayApproved),
            new(CaseState.GatewaySubmitted, CaseState.GatewayRejected, Admin, "an admin", "reject the gateway", null, GatewayRejectionReasoned, StampGatewayReviewed),

            // Project
            new(CaseState.GatewayApproved, CaseState.ProjectScheduled, Admin | Assessor, "an admin or the allocated assessor", "schedule the project", null, ProjectReadyToSchedule, StampProjectScheduleOverride),
            new(CaseState.ResitPlanned, CaseState.ProjectScheduled, Admin | Assessor, "an admin or the allocated assessor", "schedule the re-sit project", null, ProjectReadyToSchedule, StampProjectScheduleOverride),
            new(CaseState.RetakePlanned, CaseState.ProjectScheduled, Admin | Assessor, "an admin or the allocated assessor", "schedule the re-take project", null, ProjectReadyToSchedule, StampProjectScheduleOverride),
            new(CaseState.ProjectScheduled, CaseState.ProjectInProgress, System, "the portal's clock", "open the project window", null, ProjectWindowHasOpened, Nothing),
            new(CaseState.ProjectInProgress, CaseState.ProjectSubmitted, Apprentice | System, "the apprentice", "submit the project", null, ProjectCanBeSubmitted, StampProjectSubmitted),

            // Assessment
            new(CaseState.ProjectSubmitted, CaseState.PreInterviewReview, Assessor, "the allocated assessor", "start the pre-interview review", null, NoGuards, Nothing),
            new(CaseState.PreInterviewReview, CaseState.InterviewScheduled, Assessor | Admin, "the allocated assessor or an admin", "schedule the interview", null, InterviewReadyToSchedule, StampInterviewScheduleOverride),
            new(CaseState.InterviewScheduled, CaseState.InterviewCompleted, Assessor, "the allocated assessor", "record the interview as completed", null, InterviewRecorded, StampInterviewCompleted),
            new(CaseState.InterviewCompleted, CaseState.Graded, Assessor, "the allocated assessor", "submit the final judgements", null, GradeDecided, Nothing),

            // Quality assurance
            new(CaseState.Graded, CaseState.IqaApproved, Qa | Admin | System, "a quality assurer who is not the case's assessor", "approve the grade", null, GradeApprovable, StampQaApproved),
            new(CaseState.Graded, CaseState.PreInterviewReview, Qa, "a quality assurer who is not the case's assessor", "return the grade to the pre-interview review", "Give the reason for returning the grade.", GradeReturnable, StampQaReturned),
            new(CaseState.Graded, CaseState.InterviewCompleted, Qa, "a quality assurer who is not the case's assessor", "return the grade to the interview record", "Give the reason for returning the grade.", GradeReturnable, StampQaReturned),

            // Result
            new(CaseState.IqaApproved, CaseState.ResultReleased, Admin | System, "an admin", "release the result", null, ResultReleasable, StampResultReleased),
            new(CaseState.ResultReleased, CaseState.CertificateRequested, Admin, "an admin", "request the certificate", null, CertificateRequestable, StampCertificateRequested),
            new(CaseState.ResultReleased, CaseState.FailRecorded, Admin | System, "an admin", "record the fail", null, FailRecordable, Nothing),

            // Appeals
            new(CaseState.ResultReleased, CaseState.AppealLodged, Apprentice | Employer, "the apprentice or their employer", "lodge an appeal", "Give the grounds for the appeal.", AppealLodgeable, Nothing),
            new(CaseState.FailRecorded, CaseState.AppealLodged, Apprentice | Employer, "the apprentice or their employer", "lodge an appeal", "Give the grounds for the appeal.", AppealLodgeable, Nothing),
            new(CaseState.AppealLodged, CaseState.AppealUpheld, Admin, "an admin", "uphold the appeal", "Give the reason for the appeal decision.", AppealDecidable, c => DecideAppeal(c, AppealOutcome.Upheld)),
            new(CaseState.AppealLodged, CaseState.AppealRejected, Admin, "an admin", "reject the appeal", "Give the reason for the appeal decision.", AppealDecidable, c => DecideAppeal(c, AppealOutcome.Rejected)),
            new(CaseState.AppealUpheld, CaseState.PreInterviewReview, Admin | Assessor, "an admin or the newly allocated assessor", "start the re-assessment", null, ReassessmentReady, ClearRelease),
            new(CaseState.AppealRejected, CaseState.CertificateRequested, Admin, "an admin", "request the certificate", null, CertificateRequestable, StampCertificateRequested),
            new(CaseState.AppealRejected, CaseState.FailRecorded, Admin | System, "an admin", "record the fail", null, FailRecordable, Nothing),

            // Next attempt
            new(CaseState.FailRecorded, CaseState.ResitPlanned, Admin, "an admin", "plan a re-sit", null, c => NextAttemptAllowed(c, AttemptKind.Resit), c => StartNextAttempt(c, AttemptKind.Resit)),
            new(CaseState.FailRecorded, CaseState.RetakePlanned, Admin, "an admin", "plan a re-take", null, c => NextAttemptAllowed(c, AttemptKind.Retake), c => StartNextAttempt(c, AttemptKind.Retake)),
        ];

        // An apprentice can leave the programme at any point before the case ends.
        rules.AddRange(Enum.GetValues<CaseState>()
            .Where(s => s != CaseState.Withdrawn && !Terminal.Contains(s))
            .Select(s => new TransitionRule(s, CaseState.Withdrawn, Admin, "an admin", "withdraw the case", "Give the reason for withdrawing the case.", NoGuards, c => c.Case.IsOnHold = false)));
        return rules;
    }

    private static IEnumerable<string> NoGuards(TransitionContext c) => [];

    private static void Nothing(TransitionContext c)
    {
    }

    // ---- Gateway ----------------------------------------------------------------------------------

    private static IEnumerable<string> GatewayReady(TransitionContext c)
    {
        var gateway = c.Facts.Gateway;
        if (gateway is null)
        {
            yield return "The gateway form has not been filled in.";
            yield break;
        }

        foreach (var module in c.Facts.StandardVersion.KnowledgeModules.OrderBy(m => m.Order))
        {
            var result = gateway.ModuleResults.FirstOrDefault(r => string.Equals(r.Module.Trim(), module.Name, StringComparison.OrdinalIgnoreCase));
            if (result is null)
            {
                yield return $"The knowledge module '{module.Name}' has not been recorded as passed.";
                continue;
            }

            if (result.PassedOn > c.Today)
            {
                yield return $"The pass date of the knowledge module '{module.Name}' is in the future.";
            }

            if (result.CertificateFileId == Guid.Empty)
            {
                yield return $"The certificate file for the knowledge module '{module.Name}' is missing.";
            }
        }

        if (gateway.EnglishEvidenceFileId is null && string.IsNullOrWhiteSpace(gateway.EnglishExemptionReason))
        {
            yield return "English level 2 evidence, or the reason for an exemption, is missing.";
        }

        if (gateway.MathsEvidenceFileId is null && string.IsNullOrWhiteSpace(gateway.MathsExemptionReason))
        {
            yield return "Maths level 2 evidence, or the reason for an exemption, is missing.";
        }

        var minimumMonths = c.Settings.MinimumMonthsOnProgramme;
        if (!gateway.MinimumTimeOnProgrammeConfirmed)
        {
            yield return $"The employer has not confirmed the minimum time on programme ({minimumMonths} months).";
        }

        if (c.Facts.ApprenticeshipStartDate is not { } start)
        {
            yield return "The apprentice's start date is not recorded.";
        }
        else if (start.AddMonths(minimumMonths) > c.Today)
        {
            yield return $"The apprentice started on {DisplayNames.Date(start)}; the minimum time on programme of {minimumMonths} months is reached on {DisplayNames.Date(start.AddMonths(minimumMonths))}.";
        }

        if (c.Case.PortfolioSubmittedAt is null)
        {
            yield return "The apprentice has not submitted the portfolio.";
        }
        else if (c.Case.PortfolioConfirmedAt is null)
        {
            yield return "The employer has not confirmed the portfolio as the apprentice's own work.";
        }

        if (!c.Facts.EmployerReferenceSubmitted)
        {
            yield return "The employer reference has not been submitted.";
        }

        if (!gateway.PortfolioAndReferenceCompleteConfirmed)
        {
            yield return "The employer has not confirmed that the portfolio and the employer reference are complete.";
        }

        if (!gateway.ReadinessDeclared)
        {
            yield return "The employer has not declared the apprentice ready for the end-point assessment.";
        }

        if (!gateway.ApprenticeConsentsToCertificateRequest)
        {
            yield return "The apprentice's consent to the certificate request has not been recorded.";
        }

        if (string.IsNullOrWhiteSpace(gateway.EmployerSignatoryName) || string.IsNullOrWhiteSpace(gateway.EmployerSignatoryJobTitle))
        {
            yield return "The name and job title of the employer's signatory are needed.";
        }

        // Issue 19: the gateway needs both signatures when the case names a training provider.
        if (c.Facts.Parties.ProviderOrganisationId is not null && c.Case.ProviderGatewaySignedAt is null)
        {
            yield return "The training provider has not co-signed the gateway yet.";
        }
    }

    /// <summary>Every item approved, and (domain.md section 5) an assessor without a conflict allocated.</summary>
    private static IEnumerable<string> GatewayApprovable(TransitionContext c)
    {
        foreach (var problem in GatewayAllItemsApproved(c))
        {
            yield return problem;
        }

        if (c.Case.AssessorId is null)
        {
            yield return "Allocate an assessor before approving the gateway.";
        }
        else if (AssessorConflict(c.Facts.AssessorConflicts.Where(x => x.AssessorId == c.Case.AssessorId), c.Facts.Parties, c.Today) is { } conflict)
        {
            yield return $"The allocated assessor declared a conflict with {ConflictParty(conflict, c.Facts.Parties)}: allocate another assessor before approving the gateway.";
        }
    }

    private static IEnumerable<string> GatewayAllItemsApproved(TransitionContext c)
    {
        if (c.Facts.Gateway is not { } gateway)
        {
            yield return "There is no gateway submission to review.";
            yield break;
        }

        foreach (var item in Enum.GetValues<GatewayItem>())
        {
            var review = gateway.Reviews.FirstOrDefault(r => r.Item == item);
            if (review is null || review.Decision == GatewayItemDecision.Pending)
            {
                yield return $"The gateway item '{DisplayNames.Of(item)}' has not been reviewed.";
            }
            else if (review.Decision == GatewayItemDecision.Rejected)
            {
                yield return $"The gateway item '{DisplayNames.Of(item)}' was rejected, so the gateway cannot be approved.";
            }
        }
    }

    private static IEnumerable<string> GatewayRejectionReasoned(TransitionContext c)
    {
        if (c.Facts.Gateway is not { } gateway)
        {
            yield return "There is no gateway submission to review.";
            yield break;
        }

        var rejected = gateway.Reviews.Where(r => r.Decision == GatewayItemDecision.Rejected).ToList();
        if (rejected.Count == 0)
        {
            yield return "Mark at least one gateway item as rejected, with its reason.";
        }

        foreach (var review in rejected.Where(r => string.IsNullOrWhiteSpace(r.Reason)))
        {
            yield return $"Give the reason for rejecting the gateway item '{DisplayNames.Of(review.Item)}'.";
        }
    }

    private static void StampGatewaySubmitted(TransitionContext c)
    {
        c.Case.GatewaySubmittedAt = c.Now;

        // The provider's co-signature belongs to this submission; the next one needs a new one.
        if (c.Case.ProviderGatewaySignedAt is { } signedAt)
        {
            var gateway = c.Facts.Gateway!;
            gateway.ProviderSignedAt = signedAt;
            gateway.ProviderSignedById = c.Case.ProviderGatewaySignedById;
            gateway.ProviderSignatoryName = c.Case.ProviderGatewaySignatoryName;
            gateway.ProviderSignatoryJobTitle = c.Case.ProviderGatewaySignatoryJobTitle;
            c.Case.ProviderGatewaySignedAt = null;
            c.Case.ProviderGatewaySignedById = null;
            c.Case.ProviderGatewaySignatoryName = null;
            c.Case.ProviderGatewaySignatoryJobTitle = null;
        }
    }

    private static void StampGatewayApproved(TransitionContext c)
    {
        c.Case.GatewayApprovedAt = c.Now;
        StampGatewayReviewed(c);
    }

    private static void StampGatewayReviewed(TransitionContext c)
    {
        var gateway = c.Facts.Gateway!;
        gateway.ReviewedAt = c.Now;
        gateway.ReviewedById = c.Actor.UserId;
    }

    // ---- Project ----------------------------------------------------------------------------------

    private static IEnumerable<string> ProjectReadyToSchedule(TransitionContext c)
    {
        if (c.Case.AssessorId is null)
        {
            yield return "No assessor has been allocated to the case.";
        }
        else if (AssessorConflict(c.Facts.AssessorConflicts.Where(x => x.AssessorId == c.Case.AssessorId), c.Facts.Parties, c.Today) is { } conflict)
        {
            yield return $"The allocated assessor declared a conflict with {ConflictParty(conflict, c.Facts.Parties)}: allocate another assessor.";
        }

        var project = c.Facts.Project;
        if (project is null || project.Attempt != c.Case.Attempt)
        {
            yield return "The project brief and window for this attempt have not been set.";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(project.BriefTitle) || string.IsNullOrWhiteSpace(project.BriefText))
        {
            yield return "The project brief needs a title and its text.";
        }

        if (project.WindowClosesAt <= project.WindowOpensAt)
        {
            yield return "The project window must close after it opens.";
        }

        if (project.WindowOpensAt <= c.Now)
        {
            yield return "The project window must open in the future, so that the brief stays hidden until then.";
        }

        if (project.WindowClosesAt <= project.WindowOpensAt || project.WindowOpensAt <= c.Now)
        {
            yield break;
        }

        foreach (var problem in TimingProblems(c, ProjectBreaches(c, project)))
        {
            yield return problem;
        }
    }

    private static IReadOnlyList<ScheduleBreach> ProjectBreaches(TransitionContext c, ProjectSubmission project) =>
        ScheduleRules.CheckProjectWindow(c.Settings, project.WindowOpensAt, project.WindowClosesAt, c.Now, c.Zone, c.Facts.BankHolidays);

    private static IReadOnlyList<ScheduleBreach> InterviewBreaches(TransitionContext c, Interview interview) =>
        InterviewBooking.Breaches(c.Settings, interview.StartsAt, interview.DurationMinutes, c.Now, c.Zone, c.Facts.BankHolidays, c.Facts.AssessorAvailability);

    /// <summary>The broken timing rules as problems, unless an admin overrides them with a reason (the
    /// transition's reason, recorded in the audit log and on the booking for QA).</summary>
    private static IReadOnlyList<string> TimingProblems(TransitionContext c, IReadOnlyList<ScheduleBreach> breaches) =>
        ScheduleRules.Problems(breaches, (c.Relation & Admin) != 0, c.Reason);

    private static string? OverrideRecord(TransitionContext c, IReadOnlyList<ScheduleBreach> breaches) =>
        ScheduleRules.OverrideRecord(breaches, c.Reason);

    private static void StampProjectScheduleOverride(TransitionContext c)
    {
        var project = CurrentProject(c)!;
        project.RecordScheduleOverride(OverrideRecord(c, ProjectBreaches(c, project)), c.Actor.UserId);
    }

    private static void StampInterviewScheduleOverride(TransitionContext c)
    {
        var interview = c.Facts.Interview!;
        interview.RecordScheduleOverride(OverrideRecord(c, InterviewBreaches(c, interview)), c.Actor.UserId);
    }

    private static IEnumerable<string> ProjectWindowHasOpened(TransitionContext c)
    {
        if (CurrentProject(c) is not { } project)
        {
            yield return "The project for this attempt has not been set.";
        }
        else if (c.Now < project.WindowOpensAt)
        {
            yield return $"The project window opens on {DisplayNames.Moment(c.Local(project.WindowOpensAt))}.";
        }
    }

    private static IEnumerable<string> ProjectCanBeSubmitted(TransitionContext c)
    {
        if (CurrentProject(c) is not { } project)
        {
            yield return "The project for this attempt has not been set.";
            yield break;
        }

        var closes = DisplayNames.Moment(c.Local(project.EffectiveClose));
        if (c.Relation == CaseRelation.System)
        {
            if (c.Now < project.EffectiveClose)
            {
                yield return $"The project window is open until {closes}.";
            }

            yield break;
        }

        if (c.Now >= project.EffectiveClose)
        {
            yield return $"The project window closed on {closes}; only an admin can grant an extension.";
        }
        else if (project.SubmittedAt is not null)
        {
            yield return "The project has already been submitted.";
        }

        if (c.Facts.ProjectDeliverableCount == 0)
        {
            yield return "Upload at least one project deliverable before submitting.";
        }
    }

    private static void StampProjectSubmitted(TransitionContext c)
    {
        if (c.Relation == CaseRelation.Apprentice)
        {
            c.Facts.Project!.MarkSubmitted(c.Now);
        }
    }

    private static ProjectSubmission? CurrentProject(TransitionContext c) =>
        c.Facts.Project is { } project && project.Attempt == c.Case.Attempt ? project : null;

    // ---- Pre-interview review and interview -------------------------------------------------------

    private static IEnumerable<string> InterviewReadyToSchedule(TransitionContext c)
    {
        var version = c.Facts.StandardVersion;
        var note = c.Facts.AssessorNote;
        if (note is null || note.Attempt != c.Case.Attempt)
        {
            yield return "The initial conclusions have not been recorded.";
        }
        else
        {
            var missingAreas = version.Areas.OrderBy(a => a.Order)
                .Where(a => note.Conclusions.All(x => x.CompetencyId is not null || x.AreaCode != a.Code))
                .Select(a => a.Name).ToList();
            if (missingAreas.Count > 0)
            {
                yield return $"Initial conclusions are missing for the area {DisplayNames.List(missingAreas)}.";
            }

            var missingCompetencies = version.Competencies.OrderBy(x => x.Order)
                .Where(x => note.Conclusions.All(n => n.CompetencyId != x.Id))
                .Select(x => $"{x.Code} {x.Label}").ToList();
            if (missingCompetencies.Count > 0)
            {
                yield return $"Initial conclusions are missing for {DisplayNames.List(missingCompetencies)}.";
            }

            var unevidenced = version.Competencies.OrderBy(x => x.Order)
                .Where(x => note.Conclusions.Any(n => n.CompetencyId == x.Id
                    && n.Level is InitialLevel.Expected or InitialLevel.Above
                    && !n.EvidenceRefs.Any(r => EvidenceReference.TryParse(r, out _))))
                .Select(x => $"{x.Code} {x.Label}").ToList();
            if (unevidenced.Count > 0)
            {
                yield return $"An initial conclusion of Expected or Above needs an evidence reference: none is cited for {DisplayNames.List(unevidenced)}.";
            }
        }

        if (!c.Facts.InterviewQuestions.Any(q => q.Attempt == c.Case.Attempt))
        {
            yield return "Write the questions to explore at interview.";
        }

        var interview = c.Facts.Interview;
        if (interview is null || interview.Attempt != c.Case.Attempt)
        {
            yield return "The interview has not been booked.";
            yield break;
        }

        if (interview.StartsAt <= c.Now)
        {
            yield return "The interview must be booked for a time in the future.";
            yield break;
        }

        // A clash with another interview of the assessor or the apprentice: never overridable.
        foreach (var clash in SlotFinder.Clashes(c.Facts.BusyTimes, interview.StartsAt, interview.DurationMinutes, c.Zone))
        {
            yield return clash;
        }

        foreach (var problem in TimingProblems(c, InterviewBreaches(c, interview)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> InterviewRecorded(TransitionContext c)
    {
        var interview = c.Facts.Interview;
        if (interview is null || interview.Attempt != c.Case.Attempt)
        {
            yield return "The interview has not been booked.";
            yield break;
        }

        if (c.Now < interview.StartsAt)
        {
            yield return $"The interview starts on {DisplayNames.Moment(c.Local(interview.StartsAt))}; it cannot be completed before then.";
        }
        else if (InterviewRules.IsFarShorterThanBooked(interview, c.Now) && c.Reason is null)
        {
            yield return $"The interview is being recorded as completed {DisplayNames.Count((int)(c.Now - interview.StartsAt).TotalMinutes, "minute")} after it started, far shorter than the {interview.DurationMinutes} minutes booked: give the reason it ended early.";
        }

        var questions = c.Facts.InterviewQuestions.Where(q => q.Attempt == c.Case.Attempt).ToList();
        var unrecorded = questions.Count(q => q.Asked is null);
        if (unrecorded > 0)
        {
            yield return $"Record whether each planned question was asked: {Count(unrecorded, "question has", "questions have")} no record.";
        }

        var unanswered = questions.Count(q => q.Asked == true && string.IsNullOrWhiteSpace(q.AnswerSummary));
        if (unanswered > 0)
        {
            yield return $"Summarise the answer to each question asked: {Count(unanswered, "answer is", "answers are")} missing.";
        }
    }

    private static void StampInterviewCompleted(TransitionContext c) => c.Facts.Interview!.MarkCompleted(c.Now);

    private static IEnumerable<string> GradeDecided(TransitionContext c)
    {
        if (c.Facts.Interview is not { CompletedAt: not null } interview || interview.Attempt != c.Case.Attempt)
        {
            yield return "The interview has not been completed.";
        }

        var decision = CurrentDecision(c);
        if (decision is null)
        {
            yield return "The final judgements have not been graded: submit them to the grading service first.";
        }
        else if (decision.QaStatus is QaStatus.Returned or QaStatus.Approved)
        {
            yield return "This grade has already been through quality assurance: record the judgements again to grade them.";
        }
        else if (decision.AssessorId != c.Case.AssessorId)
        {
            yield return "The grade was decided by an assessor who is not allocated to this case.";
        }
    }

    // ---- Quality assurance ------------------------------------------------------------------------

    private static IEnumerable<string> GradeApprovable(TransitionContext c)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "There is no grade to quality-assure.";
            yield break;
        }

        if (HadAssessorPart(c, decision))
        {
            yield return "You assessed this case, so you cannot approve its grade.";
            yield break;
        }

        if (decision.QaStatus is not (QaStatus.Pending or QaStatus.NotSampled))
        {
            yield return "This grade is not awaiting quality assurance.";
        }
        else if (!c.Relation.HasFlag(CaseRelation.QualityAssurer))
        {
            // Without a quality assurer only a grade left out of the QA sample passes straight through, and
            // never one the sampling rule always sends to QA (whatever status it was saved with).
            var mandatory = QaSampling.Mandatory(QaSamplingFacts.Of(decision, c.Facts.GradeReturnedByQa));
            foreach (var reason in mandatory)
            {
                yield return QaSampling.MustBeChecked(reason);
            }

            if (mandatory.Count == 0 && decision.QaStatus != QaStatus.NotSampled)
            {
                yield return QaSampling.MustBeChecked(QaSampleReason.RandomSample);
            }
        }
    }

    private static IEnumerable<string> GradeReturnable(TransitionContext c)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "There is no grade to quality-assure.";
        }
        else if (HadAssessorPart(c, decision))
        {
            yield return "You assessed this case, so you cannot quality-assure it.";
        }
        else if (decision.QaStatus is not (QaStatus.Pending or QaStatus.NotSampled))
        {
            yield return "This grade is not awaiting quality assurance.";
        }
    }

    private static void StampQaApproved(TransitionContext c)
    {
        var decision = c.Facts.GradeDecision!;
        if (c.Relation.HasFlag(CaseRelation.QualityAssurer))
        {
            decision.QaStatus = QaStatus.Approved;
            decision.QaById = c.Actor.UserId;
        }

        decision.QaAt = c.Now;
        decision.QaDecisionDate = c.Today;
    }

    private static void StampQaReturned(TransitionContext c)
    {
        var decision = c.Facts.GradeDecision!;
        decision.QaStatus = QaStatus.Returned;
        decision.QaById = c.Actor.UserId;
        decision.QaAt = c.Now;
        decision.QaReturnReason = c.Reason;
    }

    // ---- Result -----------------------------------------------------------------------------------

    private static IEnumerable<string> ResultReleasable(TransitionContext c)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "There is no grade to release.";
        }
        else if (decision.QaStatus is not (QaStatus.Approved or QaStatus.NotSampled) || decision.QaDecisionDate is null)
        {
            yield return "The grade has not been approved by quality assurance.";
        }
        else if (decision.QaStatus == QaStatus.NotSampled && QaSampling.Mandatory(QaSamplingFacts.Of(decision, c.Facts.GradeReturnedByQa)) is [var reason, ..])
        {
            yield return $"The grade has not been approved by quality assurance. {QaSampling.MustBeChecked(reason)}";
        }
    }

    private static void StampResultReleased(TransitionContext c)
    {
        var lastDay = WorkingDays.Add(c.Today, c.Settings.AppealWindowWorkingDays, c.Facts.BankHolidays);
        var endOfDay = lastDay.ToDateTime(new TimeOnly(23, 59, 59));
        c.Case.ResultReleasedAt = c.Now;
        c.Case.AppealDeadline = new DateTimeOffset(endOfDay, c.Zone.GetUtcOffset(endOfDay));
        var decision = c.Facts.GradeDecision!;
        decision.ReleasedAt = c.Now;
        decision.ReleasedById = c.Actor.UserId;
    }

    private static IEnumerable<string> CertificateRequestable(TransitionContext c)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "The result of this attempt is not known.";
        }
        else if (decision.ReleasedGrade == Grade.Fail)
        {
            yield return "A Fail is not certificated: record the fail instead.";
        }

        if (!c.Facts.ApprenticeConsentedToCertificate)
        {
            yield return "The apprentice has not consented to the certificate request.";
        }

        if (!c.Facts.CertificateDeclarationsConfirmed)
        {
            yield return "The certificate declarations have not been confirmed.";
        }
    }

    private static void StampCertificateRequested(TransitionContext c) => c.Case.CertificateRequestedAt = c.Now;

    private static IEnumerable<string> FailRecordable(TransitionContext c)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "The result of this attempt is not known.";
        }
        else if (decision.ReleasedGrade != Grade.Fail)
        {
            yield return $"This result is a {decision.ReleasedGrade}, not a Fail.";
        }
        else if (decision.ReleasedRecommendation is not (AttemptKind.Resit or AttemptKind.Retake))
        {
            yield return "The feedback must recommend a re-sit or a re-take.";
        }
    }

    // ---- Appeals ----------------------------------------------------------------------------------

    private static IEnumerable<string> AppealLodgeable(TransitionContext c)
    {
        if (c.Case.AppealDeadline is not { } deadline)
        {
            yield return "The appeal window has not opened: the result has not been released.";
        }
        else if (c.Now > deadline)
        {
            yield return $"The appeal window closed on {DisplayNames.Moment(c.Local(deadline))}.";
        }

        if (c.Facts.Appeal is { } appeal && appeal.Attempt == c.Case.Attempt)
        {
            yield return "An appeal against this result has already been lodged.";
        }
    }

    private static IEnumerable<string> AppealDecidable(TransitionContext c)
    {
        if (c.Facts.Appeal is not { Outcome: AppealOutcome.Pending } appeal || appeal.Attempt != c.Case.Attempt)
        {
            yield return "There is no pending appeal to decide.";
        }

        var decision = c.Facts.GradeDecision;
        var userId = c.Actor.UserId;
        if (HadAssessorPart(c, decision) || userId == decision?.QaById || c.Facts.QualityAssurerIds.Contains(userId))
        {
            yield return "You had a part in this case, so you cannot review its appeal: the reviewer must be independent.";
        }
    }

    private static void DecideAppeal(TransitionContext c, AppealOutcome outcome)
    {
        var appeal = c.Facts.Appeal!;
        appeal.ReviewerId = c.Actor.UserId;
        appeal.Decide(outcome, c.Reason!, c.Now);
    }

    private static IEnumerable<string> ReassessmentReady(TransitionContext c)
    {
        if (c.Case.AssessorId is null)
        {
            yield return "No assessor has been allocated to the re-assessment.";
        }
        else if (c.Facts.GradeDecision is { } appealed && appealed.AssessorId == c.Case.AssessorId)
        {
            yield return "The re-assessment of an appeal needs a different assessor from the one who graded the result: allocate another assessor.";
        }
    }

    private static void ClearRelease(TransitionContext c)
    {
        c.Case.ResultReleasedAt = null;
        c.Case.AppealDeadline = null;
    }

    // ---- Next attempt -----------------------------------------------------------------------------

    private static IEnumerable<string> NextAttemptAllowed(TransitionContext c, AttemptKind kind)
    {
        if (CurrentDecision(c) is not { } decision)
        {
            yield return "The result of this attempt is not known.";
        }
        else if (ResitRules.NextAttemptRefusal(decision.ReleasedGrade) is { } refusal)
        {
            yield return refusal;
        }

        // A case that names a training provider needs the provider's agreement, recorded in the portal for this
        // attempt (and for a re-take its supportive action plan); a case without one keeps the employer's agreement.
        if (c.Facts.Parties.ProviderOrganisationId is not null)
        {
            if (c.Case.ProviderAgreementAttempt != c.Case.Attempt || c.Case.ProviderAgreedNextAttempt is null)
            {
                yield return $"The training provider has not agreed to a {DisplayNames.Of(kind)} yet: it records its agreement in the portal.";
            }
            else if (c.Case.ProviderAgreedNextAttempt != kind)
            {
                yield return $"The training provider agreed to a {DisplayNames.Of(c.Case.ProviderAgreedNextAttempt.Value)}, not a {DisplayNames.Of(kind)}.";
            }
            else if (kind == AttemptKind.Retake && string.IsNullOrWhiteSpace(c.Case.SupportiveActionPlan))
            {
                yield return "A re-take needs the training provider's supportive action plan.";
            }
        }
        else if (!c.Facts.EmployerAgreedToNextAttempt)
        {
            yield return $"The employer has not agreed to the {DisplayNames.Of(kind)}.";
        }
    }

    private static void StartNextAttempt(TransitionContext c, AttemptKind kind)
    {
        c.Case.Attempt++;
        c.Case.AttemptKind = kind;
        ClearRelease(c);
    }

    // ---- Shared -----------------------------------------------------------------------------------

    private static GradeDecision? CurrentDecision(TransitionContext c) =>
        c.Facts.GradeDecision is { } decision && decision.Attempt == c.Case.Attempt ? decision : null;

    /// <summary>Never two roles on one case: whoever assessed it (now, earlier or for this grade).</summary>
    private static bool HadAssessorPart(TransitionContext c, GradeDecision? decision)
    {
        var userId = c.Actor.UserId;
        return !c.Actor.IsSystem
            && (userId == c.Case.AssessorId || userId == decision?.AssessorId || c.Facts.EarlierAssessorIds.Contains(userId));
    }

    /// <summary>A conflict in force with the case's employer or (issue 19) its training provider: either blocks allocation.</summary>
    internal static Organisations.ConflictOfInterest? AssessorConflict(IEnumerable<Organisations.ConflictOfInterest> conflicts, CaseParties parties, DateOnly today) =>
        conflicts.FirstOrDefault(x => (x.OrganisationId == parties.ApprenticeOrganisationId || x.OrganisationId == parties.ProviderOrganisationId) && x.IsInForceOn(today));

    /// <summary>Who the conflict is with, in words.</summary>
    internal static string ConflictParty(Organisations.ConflictOfInterest conflict, CaseParties parties) =>
        conflict.OrganisationId == parties.ApprenticeOrganisationId ? parties.ApprenticeOrganisationName
        : conflict.Organisation?.Name is { } name ? $"the case's training provider, {name}" : "the case's training provider";

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
