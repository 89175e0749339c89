using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// Looks into the emulator's org the way any client would (OAuth, then SOQL over REST), and drives
/// its admin routes (faults, reset, stats). Tests check what landed here, not what the target says.
/// </summary>
internal sealed class OrgClient : IDisposable
{
    public const string ApiVersion = "v64.0";
    private readonly HttpClient http;
    private string? token;

    public OrgClient(Uri baseUrl) => http = new HttpClient { BaseAddress = baseUrl };

    /// <summary>Every record the query matches, following `nextRecordsUrl` across pages.</summary>
    public async Task<JArray> QueryAsync(string soql)
    {
        var result = await GetJsonAsync($"/services/data/{ApiVersion}/query?q={Uri.EscapeDataString(soql)}");
        var records = (JArray)result["records"]!;
        while ((string?)result["nextRecordsUrl"] is { Length: > 0 } next && result["done"]?.Value<bool>() != true)
        {
            result = await GetJsonAsync(next);
            foreach (var record in (JArray)result["records"]!)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async Task<int> CountAsync(string objectName, string? where = null)
    {
        var soql = $"SELECT COUNT() FROM {objectName}" + (where is null ? string.Empty : $" WHERE {where}");
        return (int)(await GetJsonAsync($"/services/data/{ApiVersion}/query?q={Uri.EscapeDataString(soql)}"))["totalSize"]!;
    }

    /// <summary>The single record matching a WHERE clause, or null.</summary>
    public async Task<JObject?> FindAsync(string objectName, string fields, string where)
    {
        var records = await QueryAsync($"SELECT {fields} FROM {objectName} WHERE {where}");
        return records.Count switch
        {
            0 => null,
            1 => (JObject)records[0],
            _ => throw new InvalidOperationException($"{records.Count} {objectName} records match {where}"),
        };
    }

    public async Task<JObject> StatsAsync() => await GetJsonAsync("/__emulator/stats", authorized: false);

    /// <summary>An admin route's JSON answer (no auth: admin routes need none).</summary>
    public async Task<JObject> GetAdminAsync(string path) => await GetJsonAsync(path, authorized: false);

    public async Task PostAdminAsync(string path, string json = "{}")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Every Bulk ingest job the org holds, as its job list gives them: id, object and state.</summary>
    public async Task<IReadOnlyList<(string Id, string Object, string State)>> IngestJobsAsync()
    {
        var list = await GetJsonAsync($"/services/data/{ApiVersion}/jobs/ingest");
        return ((JArray)list["records"]!).Select(j => ((string)j["id"]!, (string)j["object"]!, (string)j["state"]!)).ToList();
    }

    /// <summary>One ingest job's info, as `GET jobs/ingest/{id}` gives it.</summary>
    public Task<JObject> IngestJobAsync(string jobId) => GetJsonAsync($"/services/data/{ApiVersion}/jobs/ingest/{jobId}");

    /// <summary>A result file of a finished ingest job: `successfulResults` or `failedResults`.</summary>
    public async Task<ResultCsv> JobResultsAsync(string jobId, string kind) =>
        ResultCsv.Parse(await GetTextAsync($"/services/data/{ApiVersion}/jobs/ingest/{jobId}/{kind}", authorized: true));

    public async Task DeleteAdminAsync(string path)
    {
        using var response = await http.DeleteAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"DELETE {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<JObject> GetJsonAsync(string path, bool authorized = true)
    {
        var body = await GetTextAsync(path, authorized);
        using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return await JObject.LoadAsync(reader);
    }

    private async Task<string> GetTextAsync(string path, bool authorized)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (authorized)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && authorized && attempt == 1)
            {
                // A test expired the sessions (or a fault did): log in again, once.
                token = null;
                continue;
            }

            return response.IsSuccessStatusCode ? body : throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }
    }

    private async Task<string> TokenAsync()
    {
        if (token is not null)
        {
            return token;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = EmulatorCredentials.ClientId,
            ["client_secret"] = EmulatorCredentials.ClientSecret,
            ["refresh_token"] = EmulatorCredentials.RefreshToken,
        });
        using var response = await http.PostAsync("/services/oauth2/token", form);
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        token = JObject.Parse(body)["access_token"]!.ToString();
        return token;
    }

    public void Dispose() => http.Dispose();
}
