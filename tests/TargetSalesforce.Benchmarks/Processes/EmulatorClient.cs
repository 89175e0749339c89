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
    /// The calls a target starts with (a token, `/limits`, the object's describe), once, so the emulator's own first-call
    /// costs (its JIT: ~0.3 s for the first token on the build machine) do not land on the target's start-up, as they
    /// would not against a real org, which is always warm. Returns how many API calls it made.
    /// </summary>
    public async Task<int> WarmUpAsync(string sObject)
    {
        var accessToken = await TokenAsync().ConfigureAwait(false);
        foreach (var path in new[] { "limits", $"sobjects/{sObject}/describe" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/services/data/v{ApiVersion}/{path}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var answer = await GetJsonAsync(request, $"GET {path}").ConfigureAwait(false);
        }

        return 3;
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

    private async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, string what)
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
