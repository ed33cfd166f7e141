namespace EpaPortal.Web.Tests.Infrastructure;

/// <summary>The trait values CI and developers filter on: dotnet test --filter Category=Integration.</summary>
public static class Category
{
    public const string Name = "Category";
    public const string Unit = "Unit";
    public const string Integration = "Integration";
    public const string Security = "Security";
    public const string Performance = "Performance";
    public const string Browser = "Browser";
}
