using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Hosting;

/// <summary>
/// One line per request on <see cref="EmulatorOptions.RequestLog"/> (the `--log-requests` flag): what a client
/// sent and what it got, so a run of a real client can be written down request by request. The raw path is logged
/// as sent (before doubled slashes are collapsed). Headers and bodies are not: they carry tokens and passwords; nor
/// are the values of query parameters that carry them (the identity URL's oauth_token, revoke's token, …).
/// </summary>
public static class RequestLog
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, TextWriter? log, TimeProvider time)
    {
        if (log is null)
            return app;
        return app.Use(async (http, next) =>
        {
            var request = http.Request;
            var target = request.Path.Value + Redacted(request.QueryString.Value);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http).ConfigureAwait(false);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var userAgent = request.Headers.UserAgent.ToString();
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{time.GetUtcNow():HH:mm:ss.fff} {request.Method} {target} -> {http.Response.StatusCode} " +
                    $"({elapsed.TotalMilliseconds:0} ms; in {request.ContentType ?? "-"} {Length(request)}; ua {(userAgent.Length > 0 ? userAgent : "-")})");
                // One short line under a lock, so lines from concurrent requests never interleave; an await cannot sit inside it.
#pragma warning disable CA1849
                lock (log)
                {
                    log.WriteLine(line);
                    log.Flush();
                }
#pragma warning restore CA1849
            }
        });
    }

    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "oauth_token", "access_token", "token", "refresh_token", "client_secret", "password", "code", "code_verifier",
        "assertion", "client_assertion",
    };

    /// <summary>The query string as sent, with the value of every secret-carrying parameter replaced.</summary>
    public static string Redacted(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString))
            return "";
        var parts = queryString.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && SecretParameters.Contains(Uri.UnescapeDataString(parts[i][..equals])))
                parts[i] = parts[i][..equals] + "=[redacted]";
        }
        return "?" + string.Join('&', parts);
    }

    private static string Length(HttpRequest request) =>
        request.ContentLength is long length ? length.ToString(CultureInfo.InvariantCulture) + " B"
        : request.Headers.TransferEncoding.ToString() is { Length: > 0 } encoding ? encoding : "no body";
}
