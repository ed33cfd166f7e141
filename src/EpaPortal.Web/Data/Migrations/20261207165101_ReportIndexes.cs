using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_GradeDecisions_DecidedAt",
                table: "GradeDecisions",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_LodgedAt",
                table: "Appeals",
                column: "LodgedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GradeDecisions_DecidedAt",
                table: "GradeDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_LodgedAt",
                table: "Appeals");
        }
    }
}
