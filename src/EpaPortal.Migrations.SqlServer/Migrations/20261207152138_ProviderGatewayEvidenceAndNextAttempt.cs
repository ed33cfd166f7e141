using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProviderGatewayEvidenceAndNextAttempt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GatewaySlot",
                table: "StoredFiles",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProviderAgreedAt",
                table: "Cases",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderAgreedById",
                table: "Cases",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderAgreedByName",
                table: "Cases",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderAgreedNextAttempt",
                table: "Cases",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProviderAgreementAttempt",
                table: "Cases",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupportiveActionPlan",
                table: "Cases",
                type: "nvarchar(max)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupportiveActionPlanFileId",
                table: "Cases",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GatewaySlot",
                table: "StoredFiles");

            migrationBuilder.DropColumn(
                name: "ProviderAgreedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderAgreedById",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderAgreedByName",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderAgreedNextAttempt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderAgreementAttempt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SupportiveActionPlan",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SupportiveActionPlanFileId",
                table: "Cases");
        }
    }
}
