using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EpaPortal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only in the database too, whatever the application does.
            migrationBuilder.Sql("""
                CREATE TRIGGER AuditEntries_AppendOnly ON AuditEntries
                INSTEAD OF UPDATE, DELETE
                AS
                BEGIN
                    THROW 51000, 'The audit log is append-only', 1;
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_AppendOnly;");
        }
    }
}
