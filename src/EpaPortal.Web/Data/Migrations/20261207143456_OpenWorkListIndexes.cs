using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenWorkListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Judgements_AssessorId_CaseId",
                table: "Judgements",
                columns: new[] { "AssessorId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_GradeDecisions_AssessorId_CaseId",
                table: "GradeDecisions",
                columns: new[] { "AssessorId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Open",
                table: "Cases",
                columns: new[] { "Id", "State" },
                filter: "\"State\" IN ('Registered', 'GatewaySubmitted', 'GatewayRejected', 'GatewayApproved', 'ProjectScheduled', 'ProjectInProgress', 'ProjectSubmitted', 'PreInterviewReview', 'InterviewScheduled', 'InterviewCompleted', 'Graded', 'IqaApproved', 'ResitPlanned', 'RetakePlanned', 'AppealLodged', 'AppealUpheld')");

            migrationBuilder.CreateIndex(
                name: "IX_AssessorNotes_AssessorId_CaseId",
                table: "AssessorNotes",
                columns: new[] { "AssessorId", "CaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Judgements_AssessorId_CaseId",
                table: "Judgements");

            migrationBuilder.DropIndex(
                name: "IX_GradeDecisions_AssessorId_CaseId",
                table: "GradeDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Open",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_AssessorNotes_AssessorId_CaseId",
                table: "AssessorNotes");
        }
    }
}
