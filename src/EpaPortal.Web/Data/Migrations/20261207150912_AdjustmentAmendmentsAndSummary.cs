using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdjustmentAmendmentsAndSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AmendedAt",
                table: "ReasonableAdjustments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendedById",
                table: "ReasonableAdjustments",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendmentReason",
                table: "ReasonableAdjustments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "ReasonableAdjustments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AmendedAt",
                table: "ReasonableAdjustments");

            migrationBuilder.DropColumn(
                name: "AmendedById",
                table: "ReasonableAdjustments");

            migrationBuilder.DropColumn(
                name: "AmendmentReason",
                table: "ReasonableAdjustments");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "ReasonableAdjustments");
        }
    }
}
