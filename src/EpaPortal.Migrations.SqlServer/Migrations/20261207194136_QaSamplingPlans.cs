using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
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
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SamplingPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StandardVersionId = table.Column<int>(type: "int", nullable: false),
                    BasePercent = table.Column<int>(type: "int", nullable: false),
                    NewAssessorDecisions = table.Column<int>(type: "int", nullable: false),
                    RaisedPercent = table.Column<int>(type: "int", nullable: false),
                    RaisedDecisions = table.Column<int>(type: "int", nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
