using System.Text.Json;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Admin;

public sealed record StandardVersionRow(int Id, string Version, GradingScheme Scheme, bool IsActive, int Competencies, int Cases);

public sealed record StandardRow(int Id, string Reference, string Title, int Level, IReadOnlyList<StandardVersionRow> Versions);

public sealed record CompetencyView(string Code, string Kind, string Label, string Description);

public sealed record AreaView(string Code, string Name, string Description, IReadOnlyList<CompetencyView> Competencies);

public sealed record StandardVersionViewModel(
    int Id, string Code, string Title, int Level, GradingScheme Scheme, bool IsActive, IReadOnlyList<string> Methods,
    IReadOnlyList<AreaView> Areas, IReadOnlyList<string> KnowledgeModules, IReadOnlyList<(string Method, string Code, string Level, string Text)> Criteria,
    IReadOnlyList<(string Combination, Grade Grade)> GradeLookup, StandardSettings Settings);

public sealed record StandardImportViewModel(string? Json, IReadOnlyList<string> Problems);

/// <summary>Standards and their versions as data: view them, and add a version (or a new standard) from a
/// JSON definition checked by the domain's StandardDefinitionValidator; nothing is saved on error.</summary>
public sealed class StandardsService(PortalDbContext db, StandardVersionCache versions, StandardSeeder seeder, AuditLog audit)
{
    public async Task<IReadOnlyList<StandardRow>> ListAsync(CancellationToken cancellationToken)
    {
        var standards = await db.Standards.AsNoTracking().OrderBy(s => s.Reference)
            .Select(s => new { s.Id, s.Reference, s.Title, s.Level }).ToListAsync(cancellationToken);
        var versions = await db.StandardVersions.AsNoTracking().OrderBy(v => v.Version)
            .Select(v => new { v.StandardId, Row = new StandardVersionRow(v.Id, v.Version, v.Scheme, v.IsActive, v.Competencies.Count, db.Cases.Count(c => c.StandardVersionId == v.Id)) })
            .ToListAsync(cancellationToken);
        return standards.Select(s => new StandardRow(s.Id, s.Reference, s.Title, s.Level, versions.Where(v => v.StandardId == s.Id).Select(v => v.Row).ToList())).ToList();
    }

    public async Task<StandardVersionViewModel?> VersionAsync(int id, CancellationToken cancellationToken)
    {
        // The version as every case page reads it: from the shared cache (no command once loaded).
        var v = await versions.FindAsync(db, id, cancellationToken);
        if (v is null)
        {
            return null;
        }

        var areas = v.Areas.OrderBy(a => a.Order)
            .Select(a => new AreaView(a.Code, a.Name, a.Description, v.Competencies.Where(c => c.AreaCode == a.Code).OrderBy(c => c.Order)
                .Select(c => new CompetencyView(c.Code, c.Kind.ToString(), c.Label, c.Description)).ToList()))
            .ToList();
        return new StandardVersionViewModel(v.Id, DisplayNames.Of(v), v.Standard!.Title, v.Standard.Level, v.Scheme, v.IsActive, v.Methods.Select(DisplayNames.Of).ToList(), areas,
            v.KnowledgeModules.OrderBy(m => m.Order).Select(m => m.Name).ToList(),
            v.Criteria.Select(c => (Capitalise(DisplayNames.Of(c.Method)), c.Code, c.Level.ToString(), c.Text)).ToList(),
            v.GradeLookup.Select(g => (g.Combination, g.Grade)).ToList(),
            v.Settings);
    }

    /// <summary>Checks the definition completely, then adds it; the problems otherwise (nothing saved).</summary>
    public async Task<(int? VersionId, IReadOnlyList<string> Problems)> ImportAsync(string json, CancellationToken cancellationToken)
    {
        StandardDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<StandardDefinition>(json, StandardSeeder.JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : null;
            return (null, [$"The file is not a valid standard definition{where}: {ex.Message.Split(" Path:", 2)[0]}"]);
        }

        if (definition is null)
        {
            return (null, ["The file is empty."]);
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Title))
        {
            problems.Add("The standard needs a title.");
        }

        if (definition.Level is < 2 or > 7)
        {
            problems.Add("The level of an apprenticeship standard is between 2 and 7.");
        }

        // Built in memory first: the domain refuses unknown areas or repeated codes, and the validator
        // checks the whole definition, before anything touches the database.
        var probe = new Standard(definition.Reference?.Trim() ?? string.Empty, definition.Title ?? string.Empty, definition.Level);
        try
        {
            problems.AddRange(StandardDefinitionValidator.Validate(definition.AddTo(probe)));
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }

        if (await db.StandardVersions.AnyAsync(v => v.Standard!.Reference == definition.Reference && v.Version == definition.Version, cancellationToken))
        {
            problems.Add($"{definition.Reference} already has a version {definition.Version}: give the new version another number.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        audit.Add("StandardVersionAdded", null, $"{DisplayNames.StandardVersion(definition.Reference ?? string.Empty, definition.Version ?? string.Empty)} {definition.Title}: {definition.Competencies.Count} competencies, scheme {DisplayNames.Of(definition.Scheme)}");
        await seeder.SeedAsync(definition, cancellationToken);
        var id = await db.StandardVersions.Where(v => v.Standard!.Reference == definition.Reference && v.Version == definition.Version).Select(v => v.Id).SingleAsync(cancellationToken);
        return (id, []);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
