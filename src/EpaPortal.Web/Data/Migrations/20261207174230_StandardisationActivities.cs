using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StandardisationActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StandardisationActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StandardVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendeeIds = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardisationActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardisationActivities_StandardVersions_StandardVersionId",
                        column: x => x.StandardVersionId,
                        principalTable: "StandardVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationActivities_HeldOn_Id",
                table: "StandardisationActivities",
                columns: new[] { "HeldOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationActivities_StandardVersionId",
                table: "StandardisationActivities",
                column: "StandardVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StandardisationActivities");
        }
    }
}
