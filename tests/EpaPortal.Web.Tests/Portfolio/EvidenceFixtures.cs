using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Portfolio;

/// <summary>File contents of every kind the upload checks care about, made in memory.</summary>
public static class Files
{
    public static byte[] Pdf(int size = 2048) => Pad("%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n"u8.ToArray(), size);

    public static byte[] Png(int size = 1024) => Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], size);

    public static byte[] Jpeg(int size = 1024) => Pad([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46], size);

    /// <summary>A Windows executable (the "MZ" header) — whatever it is called.</summary>
    public static byte[] Exe(int size = 4096) => Pad("MZ\u0090\0\u0003\0\0\0This program cannot be run in DOS mode."u8.ToArray(), size);

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    /// <summary>A minimal but genuine Word (OOXML) document package.</summary>
    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", Text("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
        ("word/document.xml", Text("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>")));

    public static byte[] SourceZip() => Zip(
        ("src/Program.cs", Text("Console.WriteLine(\"Hello\");\n")),
        ("README.md", Text("# My component\n")));

    /// <summary>One entry of 20 MB of zeros: it compresses about a thousand times.</summary>
    public static byte[] ZipBomb() => Zip(("data.txt", new byte[20 * 1024 * 1024]));

    private static byte[] Pad(byte[] header, int size)
    {
        var bytes = new byte[Math.Max(size, header.Length)];
        header.CopyTo(bytes, 0);
        for (var i = header.Length; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }
}

public sealed record UploadFile(string Name, byte[] Content);

/// <summary>Where an upload puts the antiforgery token field among the multipart sections.</summary>
public enum TokenAt
{
    First,
    AfterFields,
    AfterFiles,
}

public sealed record OutcomeJson(string FileName, bool Accepted, string Message, int? ItemId, string? Url);

public sealed record UploadJson(List<OutcomeJson> Files, string? Problem);

/// <summary>Uploads as the page's script and form do: the antiforgery token first, then details, then files.</summary>
public static class Uploads
{
    public static Dictionary<string, string> Details(string title = "", string project = "Payments API", string description = "Built the refund endpoint with tests.", string date = "2026-10-01") => new()
    {
        ["Details.Title"] = title,
        ["Details.Description"] = description,
        ["Details.ProjectName"] = project,
        ["Details.WorkDate"] = date,
    };

    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string url, IEnumerable<UploadFile> files, IDictionary<string, string>? fields = null, bool json = true, bool withToken = true, string fileField = "files", TokenAt tokenAt = TokenAt.First)
    {
        var content = new MultipartFormDataContent();
        var token = withToken ? await client.GetAntiforgeryTokenAsync("/apprentice/portfolio/upload") : null;
        void AddToken(TokenAt here)
        {
            if (token is not null && tokenAt == here)
            {
                content.Add(new StringContent(token), "__RequestVerificationToken");
            }
        }

        AddToken(TokenAt.First);
        foreach (var (name, value) in fields ?? Details())
        {
            content.Add(new StringContent(value), name);
        }

        AddToken(TokenAt.AfterFields);
        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"" + fileField + "\"", FileName = "\"" + file.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" };
            content.Add(part);
        }

        AddToken(TokenAt.AfterFiles);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.Http.SendAsync(request);
    }

    public static async Task<UploadJson> UploadAsync(PortalClient client, params UploadFile[] files) =>
        await ReadAsync(await PostAsync(client, "/apprentice/portfolio/upload", files));

    public static async Task<UploadJson> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadJson>())!;
    }
}

/// <summary>Apprentices of our own (with a case each) for tests that need a portfolio nobody else touches.</summary>
public static class TestApprentices
{
    private static int _counter;

    public static async Task<(string Email, int CaseId)> CreateAsync(PortalFactory factory, string organisation = DemoDataSeeder.Acme)
    {
        var n = Interlocked.Increment(ref _counter);
        var email = $"apprentice-{Guid.NewGuid():N}@test.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test Apprentice {n}", CreatedAt = factory.Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, PortalFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Apprentice)).Succeeded);
        var org = await db.Organisations.SingleAsync(o => o.Name == organisation);
        var uln = "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var apprentice = new Apprentice(uln, "Test", $"Apprentice{n}", email, org.Id, new DateOnly(2025, 1, 6)) { UserId = user.Id };
        db.Apprentices.Add(apprentice);
        await db.SaveChangesAsync();
        var version = await db.StandardVersions.FirstAsync();
        var epaCase = new EpaCase(apprentice, version.Id, factory.Clock.GetUtcNow());
        db.Cases.Add(epaCase);
        await db.SaveChangesAsync();
        return (email, epaCase.Id);
    }

    /// <summary>Test set-up only: puts a case in a state (the real portal changes states through the workflow).</summary>
    public static Task SetStateAsync(PortalFactory factory, int caseId, CaseState state) =>
        factory.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.SingleAsync(c => c.Id == caseId);
            db.Entry(epaCase).Property(c => c.State).CurrentValue = state;
            await db.SaveChangesAsync();
        });

    public static Task SetAssessorAsync(PortalFactory factory, int caseId, string assessorEmail) =>
        factory.WithDbAsync(async db =>
        {
            var assessor = await db.Users.SingleAsync(u => u.Email == assessorEmail);
            var epaCase = await db.Cases.SingleAsync(c => c.Id == caseId);
            db.Entry(epaCase).Property(c => c.AssessorId).CurrentValue = assessor.Id;
            await db.SaveChangesAsync();
        });

    public static string EvidenceRoot(PortalFactory factory) =>
        ((FileSystemEvidenceStore)factory.Services.GetRequiredService<IEvidenceStore>()).RootPath;
}
