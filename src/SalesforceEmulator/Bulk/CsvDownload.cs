using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// A CSV body of a Bulk job (an ingest results file, a query results page): text/csv, gzip-compressed when the request
/// accepts gzip, as Salesforce compresses Bulk responses.
/// </summary>
/// <param name="write">Writes the CSV to the stream it is given.</param>
/// <param name="headers">Response headers the body comes with (a query page's locator and row count).</param>
internal sealed class CsvDownload(Func<Stream, CancellationToken, Task> write, params (string Name, string Value)[] headers) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv";
        foreach (var (name, value) in headers)
            response.Headers[name] = value;
        response.Headers.Vary = "Accept-Encoding";
        if (!GzipAcceptance.Accepts(httpContext.Request))
        {
            await write(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.Headers.ContentEncoding = "gzip";
        await using var gzip = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
        await write(gzip, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
