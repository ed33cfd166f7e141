using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GradeModeration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ModeratedAt",
                table: "GradeDecisions",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModeratedById",
                table: "GradeDecisions",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModeratedGrade",
                table: "GradeDecisions",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationReason",
                table: "GradeDecisions",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModerationRecommendation",
                table: "GradeDecisions",
                type: "nvarchar(40)",
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
