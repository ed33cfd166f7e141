using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Evidence;

/// <summary>
/// A portfolio evidence item: a titled, dated piece of real work, mapped to competencies. Replacing its
/// file keeps the earlier versions.
/// </summary>
public class EvidenceItem : IVersioned
{
    private readonly List<EvidenceItemVersion> _versions = [];
    private readonly List<EvidenceMapping> _mappings = [];

    private EvidenceItem()
    {
        Title = Description = ProjectName = string.Empty;
    }

    public EvidenceItem(int caseId, string title, string description, string projectName, DateOnly workDate, StoredFile file, DateTimeOffset createdAt)
    {
        CaseId = caseId;
        Title = title;
        Description = description;
        ProjectName = projectName;
        WorkDate = workDate;
        CreatedAt = createdAt;
        CurrentFileId = file.Id;
        _versions.Add(new EvidenceItemVersion(1, file.Id, createdAt));
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public string Title { get; set; }

    public string Description { get; set; }

    /// <summary>The real work project the evidence came from.</summary>
    public string ProjectName { get; set; }

    public DateOnly WorkDate { get; set; }

    public Guid CurrentFileId { get; private set; }

    public StoredFile? CurrentFile { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Removed items stay for the audit trail but leave the portfolio.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    public IReadOnlyList<EvidenceItemVersion> Versions => _versions;

    public IReadOnlyList<EvidenceMapping> Mappings => _mappings;

    public Guid Version { get; set; }

    public void ReplaceFile(StoredFile file, DateTimeOffset at)
    {
        CurrentFileId = file.Id;
        CurrentFile = file;
        _versions.Add(new EvidenceItemVersion(_versions.Count + 1, file.Id, at));
    }

    public void MapTo(IEnumerable<int> competencyIds)
    {
        var wanted = competencyIds.Distinct().ToHashSet();
        _mappings.RemoveAll(m => !wanted.Contains(m.CompetencyId));
        foreach (var id in wanted.Where(id => _mappings.All(m => m.CompetencyId != id)))
        {
            _mappings.Add(new EvidenceMapping(id));
        }
    }

    public void Remove(DateTimeOffset at) => RemovedAt = at;
}

/// <summary>One file version of an evidence item (1 = first upload).</summary>
public class EvidenceItemVersion
{
    private EvidenceItemVersion()
    {
    }

    internal EvidenceItemVersion(int number, Guid fileId, DateTimeOffset uploadedAt)
    {
        Number = number;
        FileId = fileId;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }

    public int EvidenceItemId { get; private set; }

    public int Number { get; private set; }

    public Guid FileId { get; private set; }

    public StoredFile? File { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}

/// <summary>Evidence item → competency or behaviour it shows.</summary>
public class EvidenceMapping
{
    private EvidenceMapping()
    {
    }

    internal EvidenceMapping(int competencyId)
    {
        CompetencyId = competencyId;
    }

    public int EvidenceItemId { get; private set; }

    public int CompetencyId { get; private set; }
}
