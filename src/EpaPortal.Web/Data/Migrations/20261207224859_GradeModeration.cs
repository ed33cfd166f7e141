using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class GradeModeration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ModeratedAt",
                table: "GradeDecisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModeratedById",
                table: "GradeDecisions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModeratedGrade",
                table: "GradeDecisions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationReason",
                table: "GradeDecisions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationRecommendation",
                table: "GradeDecisions",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ModeratedAt",
                table: "GradeDecisions");

            migrationBuilder.DropColumn(
                name: "ModeratedById",
                table: "GradeDecisions");

            migrationBuilder.DropColumn(
                name: "ModeratedGrade",
                table: "GradeDecisions");

            migrationBuilder.DropColumn(
                name: "ModerationReason",
                table: "GradeDecisions");

            migrationBuilder.DropColumn(
                name: "ModerationRecommendation",
                table: "GradeDecisions");
        }
    }
}
