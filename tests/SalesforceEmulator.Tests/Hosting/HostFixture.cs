using System.Net.Http.Headers;
using System.Text;

namespace SalesforceEmulator.Tests.Hosting;

/// <summary>An emulator started in-process on a free loopback port, on a fake clock, with a client pointed at it.</summary>
internal sealed class HostFixture : IAsyncDisposable
{
    private HostFixture(EmulatorHost host, ObservedTime time, HttpClient http)
    {
        Host = host;
        Time = time;
        Http = http;
    }

    public EmulatorHost Host { get; }

    public ObservedTime Time { get; }

    public HttpClient Http { get; }

    /// <summary>The base URL without a trailing slash, as instance_url carries it.</summary>
    public string BaseUrl => Host.BaseUrl.ToString().TrimEnd('/');

    public static async Task<HostFixture> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var time = new ObservedTime();
        var options = new EmulatorOptions { Port = 0, Time = time };
        configure?.Invoke(options);
        var host = await EmulatorHost.StartAsync(options);
        var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        return new HostFixture(host, time, http);
    }

    public HttpRequestMessage Authorized(HttpMethod method, string path, string? token = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Host.Tokens.IssueAccessToken());
        return request;
    }

    /// <summary>Sends a request with a bearer token (a fresh valid one unless <paramref name="token"/> is given).</summary>
    public async Task<HttpResponseMessage> SendAuthorizedAsync(HttpMethod method, string path, string? token = null)
    {
        using var request = Authorized(method, path, token);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Key, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await Http.PostAsync(path, form);
    }

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken = "emulator-refresh-token") =>
        PostFormAsync("/services/oauth2/token",
            ("grant_type", "refresh_token"),
            ("client_id", "emulator-client"),
            ("client_secret", "emulator-secret"),
            ("refresh_token", refreshToken));

    public async Task<HttpResponseMessage> PostFaultsAsync(string json, bool append = false)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PostAsync(append ? "/__emulator/faults?append=true" : "/__emulator/faults", content);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
