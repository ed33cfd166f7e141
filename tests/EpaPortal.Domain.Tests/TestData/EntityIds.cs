namespace EpaPortal.Domain.Tests.TestData;

/// <summary>Database ids are set by EF Core; tests give entities ids the same way, from outside.</summary>
internal static class EntityIds
{
    public static T WithId<T>(this T entity, object id)
        where T : class
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, id);
        return entity;
    }
}
