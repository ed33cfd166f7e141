using System.Text.Json;
using System.Text.Json.Serialization;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data.Seed;

/// <summary>Loads the standards in Data/Seed/standards/*.json, once: a version already present is skipped.</summary>
public sealed class StandardSeeder(PortalDbContext db, IHostEnvironment environment, ILogger<StandardSeeder> logger)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "standards");
        if (!Directory.Exists(folder))
        {
            folder = Path.Combine(environment.ContentRootPath, "Data", "Seed", "standards");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var definition = await JsonSerializer.DeserializeAsync<StandardDefinition>(stream, JsonOptions, cancellationToken)
                ?? throw new InvalidOperationException($"{file} is empty.");
            await SeedAsync(definition, cancellationToken);
        }
    }

    public async Task<bool> SeedAsync(StandardDefinition definition, CancellationToken cancellationToken = default)
    {
        var standard = await db.Standards.Include(s => s.Versions)
            .SingleOrDefaultAsync(s => s.Reference == definition.Reference, cancellationToken);
        if (standard?.Versions.Any(v => v.Version == definition.Version) == true)
        {
            return false;
        }

        if (standard is null)
        {
            standard = new Standard(definition.Reference, definition.Title, definition.Level);
            db.Standards.Add(standard);
        }

        definition.AddTo(standard);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded standard {Reference} version {Version}.", definition.Reference, definition.Version);
        return true;
    }
}
