using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class QaSamplingPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "QaSampleReasons",
                table: "GradeDecisions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SamplingPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StandardVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BasePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    NewAssessorDecisions = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedDecisions = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SamplingPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SamplingPlans_StandardVersions_StandardVersionId",
                        column: x => x.StandardVersionId,
                        principalTable: "StandardVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SamplingPlans_StandardVersionId",
                table: "SamplingPlans",
                column: "StandardVersionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SamplingPlans");

            migrationBuilder.DropColumn(
                name: "QaSampleReasons",
                table: "GradeDecisions");
        }
    }
}
