using EpaPortal.Domain.Common;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

/// <summary>One sampling plan per standard version (issue 21, item 4); the judgement POST reads it by version.</summary>
public class SamplingPlanConfiguration : IEntityTypeConfiguration<SamplingPlan>
{
    public void Configure(EntityTypeBuilder<SamplingPlan> builder)
    {
        builder.ToTable("SamplingPlans");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.UpdatedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Ignore(p => p.Policy);
        builder.HasOne<StandardVersion>().WithMany().HasForeignKey(p => p.StandardVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.StandardVersionId).IsUnique();
    }
}
