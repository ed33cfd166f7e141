using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AssessorDiariesAndAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessorDiaries",
                columns: table => new
                {
                    AssessorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    WeeklyHours = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Leave = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FeedTokenHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: true),
                    FeedCreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessorDiaries", x => x.AssessorId);
                    table.ForeignKey(
                        name: "FK_AssessorDiaries_AspNetUsers_AssessorId",
                        column: x => x.AssessorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReasonableAdjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseId = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    EvidenceFileId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ExtraProjectWorkingDays = table.Column<int>(type: "int", nullable: false),
                    ExtraInterviewMinutes = table.Column<int>(type: "int", nullable: false),
                    RequestedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    DecisionReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReasonableAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReasonableAdjustments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReasonableAdjustments_StoredFiles_EvidenceFileId",
                        column: x => x.EvidenceFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessorDiaries_FeedTokenHash",
                table: "AssessorDiaries",
                column: "FeedTokenHash",
                unique: true,
                filter: "[FeedTokenHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReasonableAdjustments_CaseId",
                table: "ReasonableAdjustments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReasonableAdjustments_EvidenceFileId",
                table: "ReasonableAdjustments",
                column: "EvidenceFileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessorDiaries");

            migrationBuilder.DropTable(
                name: "ReasonableAdjustments");
        }
    }
}
