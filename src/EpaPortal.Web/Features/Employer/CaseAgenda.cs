using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Infrastructure;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The few facts about a case that decide what is waiting for the employer and which dates matter.</summary>
public sealed record AgendaFacts(
    int CaseId,
    CaseState State,
    bool IsOnHold,
    DateTimeOffset? PortfolioSubmittedAt,
    DateTimeOffset? PortfolioConfirmedAt,
    ReferenceStatus? ReferenceStatus,
    DateOnly StartDate,
    int MinimumMonthsOnProgramme,
    DateTimeOffset? WindowOpensAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? WindowExtendedUntil,
    DateTimeOffset? InterviewStartsAt,
    DateTimeOffset? AppealDeadline);

/// <summary>Something the employer should do now, and the page where they do it.</summary>
public sealed record WaitingItem(string Text, string Url);

/// <summary>A date the employer should know about.</summary>
public sealed record DeadlineItem(string Label, string When, bool IsPast);

/// <summary>
/// Turns a case's snapshot into the employer's to-do list and dates. What the employer may do is still
/// decided by the case workflow when they act; this only points them to the right page.
/// </summary>
public static class CaseAgenda
{
    public static bool IsBeforeGateway(CaseState state) => state is CaseState.Registered or CaseState.GatewayRejected;

    public static IReadOnlyList<WaitingItem> Waiting(AgendaFacts c)
    {
        var items = new List<WaitingItem>();
        if (c.IsOnHold || !IsBeforeGateway(c.State))
        {
            return items;
        }

        var root = $"/employer/cases/{c.CaseId}";
        if (c.PortfolioSubmittedAt is not null && c.PortfolioConfirmedAt is null)
        {
            items.Add(new("Confirm the portfolio is the apprentice's own work, or return it", $"{root}/portfolio"));
        }

        if (c.ReferenceStatus != Domain.Assessment.ReferenceStatus.Submitted)
        {
            items.Add(new(c.ReferenceStatus is null ? "Write the employer reference" : "Finish and submit the employer reference (draft saved)", $"{root}/reference"));
        }

        if (c.State == CaseState.GatewayRejected)
        {
            items.Add(new("The gateway was rejected: read the reasons and resubmit it", $"{root}/gateway"));
        }
        else if (c.PortfolioConfirmedAt is not null && c.ReferenceStatus == Domain.Assessment.ReferenceStatus.Submitted)
        {
            items.Add(new("Submit the gateway", $"{root}/gateway"));
        }

        return items;
    }

    public static IReadOnlyList<DeadlineItem> Deadlines(AgendaFacts c, CaseView view, DateTimeOffset now)
    {
        var items = new List<DeadlineItem>();
        if (IsBeforeGateway(c.State))
        {
            var reached = c.StartDate.AddMonths(c.MinimumMonthsOnProgramme);
            var today = DateOnly.FromDateTime(UkTime.ToUk(now).DateTime);
            items.Add(new($"Minimum time on programme ({c.MinimumMonthsOnProgramme} months) reached", UkTime.Date(reached), reached <= today));
        }

        if (c.State is CaseState.ProjectScheduled or CaseState.ProjectInProgress && c.WindowOpensAt is { } opens && c.WindowClosesAt is { } closes)
        {
            var close = c.WindowExtendedUntil is { } extended && extended > closes ? extended : closes;
            items.Add(new("Project window opens", UkTime.DateTime(opens), opens <= now));
            items.Add(new(close == closes ? "Project window closes" : "Project window closes (extended)", UkTime.DateTime(close), close <= now));
        }

        if (view.InterviewBooking && c.State == CaseState.InterviewScheduled && c.InterviewStartsAt is { } interview)
        {
            items.Add(new("Interview", UkTime.DateTime(interview), interview <= now));
        }

        if (view.Result && c.AppealDeadline is { } deadline && c.State is CaseState.ResultReleased or CaseState.FailRecorded)
        {
            items.Add(new("Appeals accepted until", UkTime.DateTime(deadline), deadline < now));
        }

        return items;
    }
}
