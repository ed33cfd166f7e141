using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenWorkAndKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssessorId_State_IsOnHold_StateChangedAt_Attempt",
                table: "Cases");

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Every case keeps its apprentice's employer (EpaCase.OrganisationId).
            migrationBuilder.Sql("UPDATE \"Cases\" SET \"OrganisationId\" = (SELECT \"a\".\"OrganisationId\" FROM \"Apprentices\" AS \"a\" WHERE \"a\".\"Id\" = \"Cases\".\"ApprenticeId\");");

            migrationBuilder.CreateIndex(
                name: "IX_GradeDecisions_QaById_QaAt",
                table: "GradeDecisions",
                columns: new[] { "QaById", "QaAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Closed_Assessor",
                table: "Cases",
                columns: new[] { "AssessorId", "StateChangedAt" },
                filter: "\"State\" IN ('ResultReleased', 'CertificateRequested', 'FailRecorded', 'AppealRejected', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Closed_Organisation",
                table: "Cases",
                columns: new[] { "OrganisationId", "StateChangedAt" },
                filter: "\"State\" IN ('ResultReleased', 'CertificateRequested', 'FailRecorded', 'AppealRejected', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Open_Assessor",
                table: "Cases",
                columns: new[] { "AssessorId", "State", "IsOnHold", "StateChangedAt", "Attempt" },
                filter: "\"State\" IN ('Registered', 'GatewaySubmitted', 'GatewayRejected', 'GatewayApproved', 'ProjectScheduled', 'ProjectInProgress', 'ProjectSubmitted', 'PreInterviewReview', 'InterviewScheduled', 'InterviewCompleted', 'Graded', 'IqaApproved', 'ResitPlanned', 'RetakePlanned', 'AppealLodged', 'AppealUpheld')");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Open_Organisation",
                table: "Cases",
                columns: new[] { "OrganisationId", "State", "IsOnHold" },
                filter: "\"State\" IN ('Registered', 'GatewaySubmitted', 'GatewayRejected', 'GatewayApproved', 'ProjectScheduled', 'ProjectInProgress', 'ProjectSubmitted', 'PreInterviewReview', 'InterviewScheduled', 'InterviewCompleted', 'Graded', 'IqaApproved', 'ResitPlanned', 'RetakePlanned', 'AppealLodged', 'AppealUpheld')");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Organisations_OrganisationId",
                table: "Cases",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Organisations_OrganisationId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_GradeDecisions_QaById_QaAt",
                table: "GradeDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Closed_Assessor",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Closed_Organisation",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Open_Assessor",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Open_Organisation",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssessorId_State_IsOnHold_StateChangedAt_Attempt",
                table: "Cases",
                columns: new[] { "AssessorId", "State", "IsOnHold", "StateChangedAt", "Attempt" });
        }
    }
}
