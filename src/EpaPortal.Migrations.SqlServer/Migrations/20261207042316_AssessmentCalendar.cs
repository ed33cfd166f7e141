using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Settings_EpaPeriodMonths",
                table: "StandardVersions",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "Settings_InterviewNoticeWorkingDays",
                table: "StandardVersions",
                type: "int",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "Settings_MinInterviewMinutes",
                table: "StandardVersions",
                type: "int",
                nullable: false,
                defaultValue: 45);

            migrationBuilder.AddColumn<int>(
                name: "Settings_ProjectNoticeWorkingDays",
                table: "StandardVersions",
                type: "int",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverriddenById",
                table: "ProjectSubmissions",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverrideReason",
                table: "ProjectSubmissions",
                type: "nvarchar(2200)",
                maxLength: 2200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverriddenById",
                table: "Interviews",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverrideReason",
                table: "Interviews",
                type: "nvarchar(2200)",
                maxLength: 2200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Nation",
                table: "Apprentices",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "EnglandAndWales");

            migrationBuilder.CreateTable(
                name: "BankHolidayFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ImportedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ImportedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankHolidayFeeds", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankHolidayFeeds");

            migrationBuilder.DropColumn(
                name: "Settings_EpaPeriodMonths",
                table: "StandardVersions");

            migrationBuilder.DropColumn(
                name: "Settings_InterviewNoticeWorkingDays",
                table: "StandardVersions");

            migrationBuilder.DropColumn(
                name: "Settings_MinInterviewMinutes",
                table: "StandardVersions");

            migrationBuilder.DropColumn(
                name: "Settings_ProjectNoticeWorkingDays",
                table: "StandardVersions");

            migrationBuilder.DropColumn(
                name: "ScheduleOverriddenById",
                table: "ProjectSubmissions");

            migrationBuilder.DropColumn(
                name: "ScheduleOverrideReason",
                table: "ProjectSubmissions");

            migrationBuilder.DropColumn(
                name: "ScheduleOverriddenById",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "ScheduleOverrideReason",
                table: "Interviews");

            migrationBuilder.DropColumn(
                name: "Nation",
                table: "Apprentices");
        }
    }
}
