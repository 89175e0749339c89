using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Hosting;

/// <summary>
/// One line per request on <see cref="EmulatorOptions.RequestLog"/> (the `--log-requests` flag): what a client
/// sent and what it got, so a run of a real client can be written down request by request. The raw path is logged
/// as sent (before doubled slashes are collapsed). Headers and bodies are not: they carry tokens and passwords.
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
            var target = request.Path.Value + request.QueryString.Value;
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
                lock (log)
                {
                    log.WriteLine(line);
                    log.Flush();
                }
            }
        });
    }

    private static string Length(HttpRequest request) =>
        request.ContentLength is long length ? length.ToString(CultureInfo.InvariantCulture) + " B"
        : request.Headers.TransferEncoding.ToString() is { Length: > 0 } encoding ? encoding : "no body";
}
