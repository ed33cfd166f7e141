using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StandardVersionId = table.Column<int>(type: "int", nullable: false),
                    AttendeeIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
