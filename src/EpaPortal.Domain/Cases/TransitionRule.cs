using EpaPortal.Domain.Access;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// One allowed move of the case state machine: who may take it, whether it needs a reason, the guards
/// that must hold and what it records.
/// </summary>
/// <param name="From">The state the case is in.</param>
/// <param name="To">The state it moves to.</param>
/// <param name="Who">The relations to the case allowed to take it.</param>
/// <param name="WhoText">Those relations in words, for the refusal "Only ... can ...".</param>
/// <param name="Action">The move in words: "approve the gateway".</param>
/// <param name="ReasonPrompt">Null when a reason is optional; otherwise the message when it is missing.</param>
/// <param name="Guards">The broken rules, if any.</param>
/// <param name="Apply">What the move records besides the state.</param>
internal sealed record TransitionRule(
    CaseState From,
    CaseState To,
    CaseRelation Who,
    string WhoText,
    string Action,
    string? ReasonPrompt,
    Func<TransitionContext, IEnumerable<string>> Guards,
    Action<TransitionContext> Apply);
