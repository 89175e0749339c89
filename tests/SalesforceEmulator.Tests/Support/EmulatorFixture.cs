using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.Tests.Support;

/// <summary>
/// Base of the HTTP tests: one in-process emulator per fixture on a free loopback port, an authorized client,
/// and an org and job list reset before each test.
/// </summary>
public abstract class EmulatorFixture
{
    /// <summary>Bounds every wait on the emulator, so a broken test fails instead of hanging (never a timing assertion).</summary>
    protected static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    protected EmulatorHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected const string V = "/services/data/v60.0";

    protected virtual EmulatorOptions CreateOptions() => new();

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        Host = await EmulatorHost.StartAsync(CreateOptions());
        Client = new HttpClient { BaseAddress = Host.BaseUrl };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Tokens.IssueAccessToken());
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    [SetUp]
    public void ResetOrg()
    {
        Host.Jobs.Reset();
        Host.Org.Reset();
    }

    /// <summary>An absolute URL for a path as given (a relative "//services" would be read as a host name).</summary>
    protected Uri Absolute(string path) => new(Host.BaseUrl.ToString().TrimEnd('/') + path);

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>POSTs <paramref name="json"/> as the body (disposed once sent).</summary>
    protected async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var body = Json(json);
        return await Client.PostAsync(path, body);
    }

    protected static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    protected async Task<JsonElement> GetJson(string path)
    {
        using var response = await Client.GetAsync(Absolute(path));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ReadJson(response);
    }

    /// <summary>Creates a job and returns its id.</summary>
    protected async Task<string> CreateJobAsync(string objectName, string operation, string? externalIdFieldName = null, string? lineEnding = null, string? delimiter = null)
    {
        var body = new Dictionary<string, string> { ["object"] = objectName, ["operation"] = operation };
        if (externalIdFieldName is not null)
            body["externalIdFieldName"] = externalIdFieldName;
        if (lineEnding is not null)
            body["lineEnding"] = lineEnding;
        if (delimiter is not null)
            body["columnDelimiter"] = delimiter;
        using var create = Json(JsonSerializer.Serialize(body));
        using var response = await Client.PostAsync($"{V}/jobs/ingest", create);
        var json = await ReadJson(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    protected async Task<HttpResponseMessage> UploadAsync(string jobId, string csv)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await Client.PutAsync($"{V}/jobs/ingest/{jobId}/batches", content);
    }

    protected async Task<HttpResponseMessage> PatchStateAsync(string jobId, string state)
    {
        using var change = Json($$"""{"state":"{{state}}"}""");
        return await Client.PatchAsync($"{V}/jobs/ingest/{jobId}", change);
    }

    protected async Task WaitForEndAsync(string jobId)
    {
        var job = Host.Jobs.Find(jobId)!;
        await job.Completion.WaitAsync(WaitLimit);
    }

    protected async Task<string> ResultsAsync(string jobId, string kind)
    {
        using var response = await Client.GetAsync($"{V}/jobs/ingest/{jobId}/{kind}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        return text;
    }

    /// <summary>Creates, uploads, closes and waits for a job; returns its final info.</summary>
    protected async Task<JobRun> RunJobAsync(string objectName, string operation, string csv, string? externalIdFieldName = null, string? lineEnding = null, string? delimiter = null)
    {
        var id = await CreateJobAsync(objectName, operation, externalIdFieldName, lineEnding, delimiter);
        using (var upload = await UploadAsync(id, csv))
            Assert.That((int)upload.StatusCode, Is.EqualTo(201));
        using (var close = await PatchStateAsync(id, "UploadComplete"))
            Assert.That((int)close.StatusCode, Is.EqualTo(200));
        await WaitForEndAsync(id);
        return new JobRun(id, await GetJson($"{V}/jobs/ingest/{id}"));
    }

    /// <summary>The sf__Error texts of a finished job, in row order.</summary>
    protected async Task<List<string>> ErrorsAsync(string jobId)
    {
        var job = Host.Jobs.Find(jobId)!;
        await job.Completion.WaitAsync(WaitLimit);
        var failed = await ResultsAsync(jobId, "failedResults");
        return CsvText.Parse(failed).Skip(1).Select(row => row[1]).ToList();
    }

    protected async Task<List<Dictionary<string, JsonElement>>> QueryAsync(string soql)
    {
        var json = await GetJson($"{V}/query?q={Uri.EscapeDataString(soql)}");
        return json.GetProperty("records").EnumerateArray()
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()))
            .ToList();
    }

    protected sealed record JobRun(string Id, JsonElement Info)
    {
        public string State => Info.GetProperty("state").GetString()!;

        public long Processed => Info.GetProperty("numberRecordsProcessed").GetInt64();

        public long Failed => Info.GetProperty("numberRecordsFailed").GetInt64();

        public string? ErrorMessage => Info.TryGetProperty("errorMessage", out var message) ? message.GetString() : null;
    }
}
