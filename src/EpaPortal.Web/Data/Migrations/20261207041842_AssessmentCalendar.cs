using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "Settings_InterviewNoticeWorkingDays",
                table: "StandardVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "Settings_MinInterviewMinutes",
                table: "StandardVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 45);

            migrationBuilder.AddColumn<int>(
                name: "Settings_ProjectNoticeWorkingDays",
                table: "StandardVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverriddenById",
                table: "ProjectSubmissions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverrideReason",
                table: "ProjectSubmissions",
                type: "TEXT",
                maxLength: 2200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverriddenById",
                table: "Interviews",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduleOverrideReason",
                table: "Interviews",
                type: "TEXT",
                maxLength: 2200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Nation",
                table: "Apprentices",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "EnglandAndWales");

            migrationBuilder.CreateTable(
                name: "BankHolidayFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
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
