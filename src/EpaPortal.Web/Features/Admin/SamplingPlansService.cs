using System.Globalization;
using EpaPortal.Domain.Grading;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Quality;
using EpaPortal.Web.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Admin;

/// <summary>A sampling plan as typed (text, so what was typed comes back with the messages).</summary>
public sealed class SamplingPlanInput
{
    public string? BasePercent { get; set; }

    public string? NewAssessorDecisions { get; set; }

    public string? RaisedPercent { get; set; }

    public string? RaisedDecisions { get; set; }

    /// <summary>The plan's version the form was built from (null: no plan yet).</summary>
    public Guid? Version { get; set; }

    public static bool TryWhole(string? text, out int value) =>
        int.TryParse(text?.Trim().TrimEnd('%').Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public QaSamplingPolicy ToPolicy()
    {
        TryWhole(BasePercent, out var basePercent);
        TryWhole(NewAssessorDecisions, out var n);
        TryWhole(RaisedPercent, out var raised);
        TryWhole(RaisedDecisions, out var m);
        return new QaSamplingPolicy(basePercent, n, raised, m);
    }

    public static SamplingPlanInput From(QaSamplingPolicy policy, Guid? version) => new()
    {
        BasePercent = policy.BasePercent.ToString(CultureInfo.InvariantCulture),
        NewAssessorDecisions = policy.NewAssessorDecisions.ToString(CultureInfo.InvariantCulture),
        RaisedPercent = policy.RaisedPercent.ToString(CultureInfo.InvariantCulture),
        RaisedDecisions = policy.RaisedDecisions.ToString(CultureInfo.InvariantCulture),
        Version = version,
    };
}

public sealed class SamplingPlanInputValidator : AbstractValidator<SamplingPlanInput>
{
    public SamplingPlanInputValidator()
    {
        RuleFor(x => x.BasePercent).Must(v => Percent(v)).WithMessage("Enter the base rate as a whole number from 0 to 100, for example 10.");
        RuleFor(x => x.NewAssessorDecisions).Must(v => Count(v)).WithMessage("Enter how many of a new assessor's first decisions to sample as a whole number, 0 or more (0: none).");
        RuleFor(x => x.RaisedPercent).Must(v => Percent(v)).WithMessage("Enter the raised rate as a whole number from 0 to 100, for example 50.");
        RuleFor(x => x.RaisedDecisions).Must(v => Count(v)).WithMessage("Enter for how many decisions the raised rate lasts as a whole number, 0 or more (0: no raised rate).");
        RuleFor(x => x).Must(x => x.ToPolicy().Problems().Count == 0)
            .When(x => Percent(x.BasePercent) && Count(x.NewAssessorDecisions) && Percent(x.RaisedPercent) && Count(x.RaisedDecisions))
            .WithName(nameof(SamplingPlanInput.RaisedPercent))
            .OverridePropertyName(nameof(SamplingPlanInput.RaisedPercent))
            .WithMessage(x => string.Join(" ", x.ToPolicy().Problems()));
    }

    private static bool Percent(string? text) => SamplingPlanInput.TryWhole(text, out var v) && v is >= 0 and <= 100;

    private static bool Count(string? text) => SamplingPlanInput.TryWhole(text, out var v) && v is >= 0 and <= 1000;
}

public sealed record SamplingPlanRow(int VersionId, string StandardVersion, string Plan, bool HasPlan, DateTimeOffset? UpdatedAt);

public sealed record SamplingPlansViewModel(IReadOnlyList<SamplingPlanRow> Rows, int ConfiguredPercent);

public sealed record SamplingPlanEditViewModel(int VersionId, string StandardVersion, bool HasPlan, int ConfiguredPercent, SamplingPlanInput Input, IReadOnlyList<string> Problems);

public enum SamplingPlanSave
{
    Saved,
    NotFound,
    Conflict,
    Refused,
}

/// <summary>
/// The IQA sampling plans (issue 21, item 4): one per standard version, listed and edited by a QA lead (an admin;
/// ADR 0024). A version without a plan samples at the configured <see cref="QualityOptions.SamplePercent"/>.
/// </summary>
public sealed class SamplingPlansService(PortalDbContext db, AuditLog audit, CurrentUser current, TimeProvider clock, IOptions<QualityOptions> quality)
{
    public const string SamplingPlanChanged = "SamplingPlanChanged";

    /// <summary>Every standard version with its plan, in one command.</summary>
    public async Task<SamplingPlansViewModel> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.StandardVersions.AsNoTracking()
            .OrderBy(v => v.Standard!.Reference).ThenBy(v => v.Version)
            .Select(v => new
            {
                v.Id,
                Name = v.Standard!.Reference + " v" + v.Version + " " + v.Standard!.Title,
                Plan = db.SamplingPlans.FirstOrDefault(p => p.StandardVersionId == v.Id),
            })
            .ToListAsync(cancellationToken);
        var configured = quality.Value.SamplePercent;
        return new SamplingPlansViewModel(
            rows.Select(r => new SamplingPlanRow(r.Id, r.Name, SamplingPlan.Describe(r.Plan?.Policy ?? QaSamplingPolicy.Flat(configured)), r.Plan is not null, r.Plan?.UpdatedAt)).ToList(),
            configured);
    }

    /// <summary>The edit form of one version's plan (the configured rate when it has none), or null.</summary>
    public async Task<SamplingPlanEditViewModel?> EditAsync(int versionId, SamplingPlanInput? posted, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var row = await db.StandardVersions.AsNoTracking()
            .Where(v => v.Id == versionId)
            .Select(v => new { Name = v.Standard!.Reference + " v" + v.Version + " " + v.Standard!.Title, Plan = db.SamplingPlans.FirstOrDefault(p => p.StandardVersionId == v.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var configured = quality.Value.SamplePercent;
        var input = posted ?? SamplingPlanInput.From(row.Plan?.Policy ?? QaSamplingPolicy.Flat(configured), row.Plan?.Version);
        return new SamplingPlanEditViewModel(versionId, row.Name, row.Plan is not null, configured, input, problems);
    }

    /// <summary>Creates or changes the version's plan from a valid form, with an audit entry; a conflict when the
    /// plan changed since the form was built.</summary>
    public async Task<(SamplingPlanSave Result, IReadOnlyList<string> Problems)> SaveAsync(int versionId, SamplingPlanInput input, CancellationToken cancellationToken)
    {
        var name = await db.StandardVersions.AsNoTracking()
            .Where(v => v.Id == versionId)
            .Select(v => v.Standard!.Reference + " v" + v.Version)
            .SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return (SamplingPlanSave.NotFound, []);
        }

        var policy = input.ToPolicy();
        var now = clock.GetUtcNow();
        var plan = await db.SamplingPlans.AsTracking().SingleOrDefaultAsync(p => p.StandardVersionId == versionId, cancellationToken);
        if (plan is null)
        {
            if (input.Version is not null)
            {
                return (SamplingPlanSave.Conflict, []);
            }

            var problems = policy.Problems();
            if (problems.Count > 0)
            {
                return (SamplingPlanSave.Refused, problems);
            }

            db.SamplingPlans.Add(new SamplingPlan(versionId, policy, current.Id, now));
        }
        else
        {
            if (input.Version != plan.Version)
            {
                return (SamplingPlanSave.Conflict, []);
            }

            var problems = plan.Change(policy, current.Id, now);
            if (problems.Count > 0)
            {
                return (SamplingPlanSave.Refused, problems);
            }
        }

        audit.Add(SamplingPlanChanged, null, $"{name}: {SamplingPlan.Describe(policy)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (SamplingPlanSave.Saved, []);
        }
        catch (DbUpdateException)
        {
            // Another QA lead saved the plan first (the version token, or the unique version index for a new plan).
            db.ChangeTracker.Clear();
            return (SamplingPlanSave.Conflict, []);
        }
    }
}
