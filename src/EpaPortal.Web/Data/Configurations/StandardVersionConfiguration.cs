using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class StandardVersionConfiguration : IEntityTypeConfiguration<StandardVersion>
{
    public void Configure(EntityTypeBuilder<StandardVersion> builder)
    {
        builder.Property(v => v.Version).HasMaxLength(FieldLengths.VersionLabel).IsRequired();
        builder.HasIndex(v => new { v.StandardId, v.Version }).IsUnique();
        builder.Ignore(v => v.Code);

        // The few methods of a plan, kept in order as "Portfolio,Project,...".
        builder.Property(v => v.Methods)
            .HasConversion(
                methods => string.Join(',', methods),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<AssessmentMethod>).ToList(),
                new ValueComparer<IList<AssessmentMethod>>(
                    (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                    list => list.Aggregate(0, (hash, m) => HashCode.Combine(hash, m)),
                    list => list.ToList()))
            .HasMaxLength(FieldLengths.ShortText);

        builder.OwnsOne(v => v.Settings, settings =>
        {
            settings.Property(s => s.AssessmentLabel).HasMaxLength(FieldLengths.Title);
            settings.Property(s => s.GatewayLabel).HasMaxLength(FieldLengths.Title);
        });
        builder.Navigation(v => v.Settings).IsRequired();

        builder.HasMany(v => v.Areas).WithOne().HasForeignKey(a => a.StandardVersionId);
        builder.HasMany(v => v.Competencies).WithOne().HasForeignKey(c => c.StandardVersionId);
        builder.HasMany(v => v.KnowledgeModules).WithOne().HasForeignKey(m => m.StandardVersionId);
        builder.HasMany(v => v.Criteria).WithOne().HasForeignKey(c => c.StandardVersionId);
        builder.HasMany(v => v.GradeLookup).WithOne().HasForeignKey(g => g.StandardVersionId);
        foreach (var navigation in new[] { nameof(StandardVersion.Areas), nameof(StandardVersion.Competencies), nameof(StandardVersion.KnowledgeModules), nameof(StandardVersion.Criteria), nameof(StandardVersion.GradeLookup) })
        {
            builder.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field);
        }
    }
}
