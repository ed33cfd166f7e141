using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseloadCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssessorId_State",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssessorId_State_IsOnHold_StateChangedAt_Attempt",
                table: "Cases",
                columns: new[] { "AssessorId", "State", "IsOnHold", "StateChangedAt", "Attempt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssessorId_State_IsOnHold_StateChangedAt_Attempt",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssessorId_State",
                table: "Cases",
                columns: new[] { "AssessorId", "State" });
        }
    }
}
