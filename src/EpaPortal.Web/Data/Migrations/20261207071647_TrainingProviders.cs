using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrainingProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsEmployer",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderSignatoryJobTitle",
                table: "GatewaySubmissions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderSignatoryName",
                table: "GatewaySubmissions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProviderSignedAt",
                table: "GatewaySubmissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderSignedById",
                table: "GatewaySubmissions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedGatewayDate",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderGatewaySignatoryJobTitle",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderGatewaySignatoryName",
                table: "Cases",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ProviderGatewaySignedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderGatewaySignedById",
                table: "Cases",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProviderOrganisationId",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Ukprn",
                table: "Organisations",
                column: "Ukprn",
                unique: true,
                filter: "[Ukprn] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ProviderOrganisationId_State",
                table: "Cases",
                columns: new[] { "ProviderOrganisationId", "State" });

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Organisations_ProviderOrganisationId",
                table: "Cases",
                column: "ProviderOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Organisations_ProviderOrganisationId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Ukprn",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ProviderOrganisationId_State",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "IsEmployer",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ProviderSignatoryJobTitle",
                table: "GatewaySubmissions");

            migrationBuilder.DropColumn(
                name: "ProviderSignatoryName",
                table: "GatewaySubmissions");

            migrationBuilder.DropColumn(
                name: "ProviderSignedAt",
                table: "GatewaySubmissions");

            migrationBuilder.DropColumn(
                name: "ProviderSignedById",
                table: "GatewaySubmissions");

            migrationBuilder.DropColumn(
                name: "PlannedGatewayDate",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderGatewaySignatoryJobTitle",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderGatewaySignatoryName",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderGatewaySignedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderGatewaySignedById",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ProviderOrganisationId",
                table: "Cases");
        }
    }
}
