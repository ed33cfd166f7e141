using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayName_Id",
                table: "AspNetUsers",
                columns: new[] { "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Email_Id",
                table: "AspNetUsers",
                columns: new[] { "Email", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Apprentices_FamilyName_Id",
                table: "Apprentices",
                columns: new[] { "FamilyName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Apprentices_StartDate_Id",
                table: "Apprentices",
                columns: new[] { "StartDate", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Email_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_Apprentices_FamilyName_Id",
                table: "Apprentices");

            migrationBuilder.DropIndex(
                name: "IX_Apprentices_StartDate_Id",
                table: "Apprentices");
        }
    }
}
