namespace EpaPortal.Domain.Standards;

/// <summary>A regulated knowledge module that must be passed before the gateway.</summary>
public class KnowledgeModule
{
    private KnowledgeModule()
    {
        Name = string.Empty;
    }

    internal KnowledgeModule(string name, int order)
    {
        Name = name;
        Order = order;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    public string Name { get; private set; }

    public int Order { get; private set; }
}
