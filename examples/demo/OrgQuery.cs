using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Demo;

/// <summary>SOQL against the emulator over its REST API, logged in like any client.</summary>
internal sealed class OrgQuery : IDisposable
{
    private const string ApiVersion = "v64.0";
    private readonly HttpClient http;

    private OrgQuery(HttpClient http) => this.http = http;

    public static async Task<OrgQuery> ConnectAsync(Uri baseUrl)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "emulator-client",
            ["client_secret"] = "emulator-secret",
            ["refresh_token"] = "emulator-refresh-token",
        });
        using var login = await http.PostAsync("/services/oauth2/token", form);
        login.EnsureSuccessStatusCode();
        var token = JObject.Parse(await login.Content.ReadAsStringAsync())["access_token"]!.ToString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new OrgQuery(http);
    }

    public async Task<int> CountAsync(string objectName) =>
        (int)(await QueryAsync($"SELECT COUNT() FROM {objectName}"))["totalSize"]!;

    public async Task PrintAsync(string soql)
    {
        Console.WriteLine($"  {soql}");
        foreach (var record in (JArray)(await QueryAsync(soql))["records"]!)
        {
            var fields = ((JObject)record).Properties()
                .Where(p => p.Name != "attributes")
                .Select(p => $"{p.Name}={Show(p.Value)}");
            Console.WriteLine($"    {string.Join("  ", fields)}");
        }
    }

    /// <summary>A value as JSON writes it (true, 12.5, null), strings bare with their line breaks shown.</summary>
    private static string Show(JToken value) => value.Type == JTokenType.String
        ? value.ToString().Replace("\n", "\\n", StringComparison.Ordinal)
        : value.ToString(Newtonsoft.Json.Formatting.None);

    private async Task<JObject> QueryAsync(string soql)
    {
        using var response = await http.GetAsync($"/services/data/{ApiVersion}/query?q={Uri.EscapeDataString(soql)}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Query failed ({(int)response.StatusCode}): {body}");
        }

        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(body)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return await JObject.LoadAsync(reader);
    }

    public void Dispose() => http.Dispose();
}
