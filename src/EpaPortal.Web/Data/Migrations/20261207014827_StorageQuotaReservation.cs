using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StorageQuotaReservation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StorageBytes",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // The counter starts at what each case already stores.
            migrationBuilder.Sql("UPDATE \"Cases\" SET \"StorageBytes\" = COALESCE((SELECT SUM(\"SizeBytes\") FROM \"StoredFiles\" WHERE \"StoredFiles\".\"CaseId\" = \"Cases\".\"Id\"), 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StorageBytes",
                table: "Cases");
        }
    }
}
