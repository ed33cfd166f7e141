using EpaPortal.Web.Features.Employer;

namespace EpaPortal.Web.Features.Gateway;

/// <summary>The employer's gateway page: the latest outcome, and either the form or what was submitted.</summary>
public sealed class GatewayPageViewModel
{
    public required EmployerCaseHeader Header { get; init; }

    /// <summary>The form can be (re)submitted: the case is before the gateway and not on hold.</summary>
    public required bool Editable { get; init; }

    public required IReadOnlyList<string> ModuleNames { get; init; }

    public required GatewayInput Input { get; init; }

    /// <summary>The case's gateway evidence files by id, with who uploaded each (for links and "uploaded" labels).</summary>
    public required IReadOnlyDictionary<Guid, GatewayFile> Files { get; init; }

    /// <summary>The latest submission and the admin's decision on each item.</summary>
    public GatewaySummary? Latest { get; init; }

    public required GatewayPrerequisites Prerequisites { get; init; }

    /// <summary>Why the gateway could not be submitted: each missing item, in the workflow's words.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>What happened to each file of the last post.</summary>
    public IReadOnlyList<string> FileMessages { get; init; } = [];

    public required string Accept { get; init; }

    public string? FileName(Guid? id) => File(id)?.FileName;

    public GatewayFile? File(Guid? id) => id is { } key && Files.TryGetValue(key, out var file) ? file : null;
}

/// <summary>Where the items the gateway depends on stand, so the employer sees what is missing before submitting.</summary>
public sealed record GatewayPrerequisites(
    string Portfolio,
    bool PortfolioReady,
    string Reference,
    bool ReferenceReady,
    string StartDate,
    string MinimumReachedOn,
    bool MinimumReached,
    int MinimumMonths);
