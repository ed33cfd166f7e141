using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RemoveKeptCasePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataEpochs");

            migrationBuilder.DropColumn(
                name: "ChangeStamp",
                table: "Cases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ChangeStamp",
                table: "Cases",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "DataEpochs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataEpochs", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DataEpochs",
                columns: new[] { "Id", "Value" },
                values: new object[,]
                {
                    { 1, new Guid("5f1c2a3e-8d4b-4e6f-9a7c-1b2d3e4f5a6b") },
                    { 2, new Guid("0b7e4d2c-3a1f-4c5e-8d9b-6f2a1e3c4d5b") }
                });
        }
    }
}
