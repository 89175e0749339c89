using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// What the benchmark asks the emulator: before a run, the calls a target starts with (to warm it up); after
/// it, its counters (`GET /__emulator/stats`) and, as an independent check through the public API,
/// `SELECT COUNT() FROM {object}` with a token from the refresh-token grant. Any unexpected answer is a
/// failure that quotes it.
/// </summary>
public sealed class EmulatorClient(Uri baseUrl) : IDisposable
{
    private const string ApiVersion = "64.0";

    private readonly HttpClient http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<JsonDocument> GetStatsAsync() =>
        await GetJsonAsync(new HttpRequestMessage(HttpMethod.Get, "/__emulator/stats"), "GET /__emulator/stats").ConfigureAwait(false);

    /// <summary>
    /// The calls a target starts with (a token, `/limits`, the object's describe) and those of a Bulk job (create, upload,
    /// abort, look, delete: nothing is written), once, so the emulator's own first-call costs (its JIT: ~0.3 s for the
    /// first token, ~0.15 s for the first job's calls on the build machine) do not land on the target's run, as they
    /// would not against a real org, which is always warm. The job is deleted, so it is not counted.
    /// </summary>
    public async Task WarmUpAsync(string sObject, string externalIdField)
    {
        var accessToken = await TokenAsync().ConfigureAwait(false);
        foreach (var path in new[] { "limits", $"sobjects/{sObject}/describe" })
        {
            using var answer = await CallAsync(HttpMethod.Get, path, accessToken, null, $"GET {path}").ConfigureAwait(false);
        }

        var job = $$"""{"object":"{{sObject}}","operation":"upsert","externalIdFieldName":"{{externalIdField}}","lineEnding":"LF"}""";
        string id;
        using (var created = await CallAsync(HttpMethod.Post, "jobs/ingest", accessToken, Json(job), "POST jobs/ingest (warm-up)").ConfigureAwait(false))
        {
            id = created?.RootElement.TryGetProperty("id", out var value) == true && value.GetString() is { } text
                ? text
                : throw new BenchmarkFailedException("emulator: the warm-up job's answer has no id.");
        }

        var rows = new StringContent($"{externalIdField},LastName\nWARM-UP-1,Warm\n", System.Text.Encoding.UTF8, "text/csv");
        (await CallAsync(HttpMethod.Put, $"jobs/ingest/{id}/batches", accessToken, rows, "PUT the warm-up job's rows").ConfigureAwait(false))?.Dispose();
        (await CallAsync(HttpMethod.Patch, $"jobs/ingest/{id}", accessToken, Json("""{"state":"Aborted"}"""), "abort the warm-up job").ConfigureAwait(false))?.Dispose();
        (await CallAsync(HttpMethod.Get, $"jobs/ingest/{id}", accessToken, null, "GET the warm-up job").ConfigureAwait(false))?.Dispose();
        (await CallAsync(HttpMethod.Delete, $"jobs/ingest/{id}", accessToken, null, "DELETE the warm-up job").ConfigureAwait(false))?.Dispose();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>An authorized API call; its JSON answer, or null for an answer with no body (201, 204).</summary>
    private async Task<JsonDocument?> CallAsync(HttpMethod method, string path, string accessToken, HttpContent? content, string what)
    {
        using var request = new HttpRequestMessage(method, $"/services/data/v{ApiVersion}/{path}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await ReadAsync(request, what, bodyRequired: false).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(string sObject)
    {
        var accessToken = await TokenAsync().ConfigureAwait(false);
        var soql = $"SELECT COUNT() FROM {sObject}";
        var query = new HttpRequestMessage(HttpMethod.Get, $"/services/data/v{ApiVersion}/query?q={Uri.EscapeDataString(soql)}");
        query.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var result = await GetJsonAsync(query, $"query '{soql}'").ConfigureAwait(false);
        return result.RootElement.TryGetProperty("totalSize", out var total) && total.TryGetInt64(out var count)
            ? count
            : throw new BenchmarkFailedException($"emulator: the answer to '{soql}' has no totalSize.");
    }

    private async Task<string> TokenAsync()
    {
        using var token = await GetJsonAsync(
            new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["client_id"] = "emulator-client",
                    ["client_secret"] = "emulator-secret",
                    ["refresh_token"] = "emulator-refresh-token",
                }),
            },
            "POST /services/oauth2/token").ConfigureAwait(false);
        return token.RootElement.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new BenchmarkFailedException("emulator: the token answer has no access_token.");
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, string what) =>
        await ReadAsync(request, what, bodyRequired: true).ConfigureAwait(false)
        ?? throw new BenchmarkFailedException($"emulator: {what} answered with an empty body.");

    /// <summary>Sends the request; a failure or a refusal is a <see cref="BenchmarkFailedException"/> quoting the answer.</summary>
    private async Task<JsonDocument?> ReadAsync(HttpRequestMessage request, string what, bool bodyRequired)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new BenchmarkFailedException($"emulator: {what} failed: {e.Message}");
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new BenchmarkFailedException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"emulator: {what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}"));
                }

                if (body.Length == 0 && !bodyRequired)
                {
                    return null;
                }

                try
                {
                    return JsonDocument.Parse(body);
                }
                catch (JsonException e)
                {
                    throw new BenchmarkFailedException($"emulator: {what} answered with no JSON ({e.Message}): {Shorten(body)}");
                }
            }
        }
    }

    // Bodies are quoted in errors; a token answer never reaches here (it parsed), so no secret does either.
    private static string Shorten(string body) => body.Length == 0 ? "(empty body)" : body.Length <= 300 ? body : body[..300] + "…";
}
