using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AdjustmentAmendmentsAndSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AmendedAt",
                table: "ReasonableAdjustments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendedById",
                table: "ReasonableAdjustments",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AmendmentReason",
                table: "ReasonableAdjustments",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "ReasonableAdjustments",
                type: "nvarchar(200)",
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
