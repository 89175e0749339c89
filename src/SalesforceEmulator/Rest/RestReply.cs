using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// One REST answer: a status, an optional JSON body written field by field, and extra headers (Location). An
/// <see cref="IResult"/> for the HTTP routes, and readable as data by the composite resources, which run the same
/// handlers for their subrequests and embed the answers.
/// </summary>
public sealed class RestReply(int status, Action<Utf8JsonWriter>? write, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The real API escapes little; keep non-ASCII text readable as it does.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Status { get; } = status;

    public bool HasBody => write is not null;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public static RestReply Empty(int status) => new(status, null);

    /// <summary>The same answer with one more header.</summary>
    public RestReply WithHeader(string name, string value) =>
        new(Status, write, new Dictionary<string, string>(Headers) { [name] = value });

    /// <summary>Writes the body as a JSON value into another document (a composite answer); null when there is none.</summary>
    public void WriteBody(Utf8JsonWriter writer)
    {
        if (write is null)
            writer.WriteNullValue();
        else
            write(writer);
    }

    /// <summary>The body as UTF-8 JSON bytes (empty when there is none).</summary>
    public ReadOnlyMemory<byte> BodyBytes()
    {
        if (write is null)
            return ReadOnlyMemory<byte>.Empty;
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return buffer.WrittenMemory;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        foreach (var (name, value) in Headers)
            httpContext.Response.Headers[name] = value;
        if (write is null)
            return;
        var body = BodyBytes();
        httpContext.Response.ContentType = ApiResponses.JsonContentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
