using System.Net.Http.Headers;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>The header and rows of one job as a request body, written straight from the row arrays.</summary>
internal sealed class CsvRowsContent : HttpContent
{
    private readonly byte[] _header;
    private readonly IReadOnlyList<byte[]> _rows;

    public CsvRowsContent(byte[] header, IReadOnlyList<byte[]> rows)
    {
        _header = header;
        _rows = rows;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "UTF-8" };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_header, cancellationToken).ConfigureAwait(false);
        foreach (var row in _rows)
        {
            await stream.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _header.Length;
        foreach (var row in _rows)
        {
            length += row.Length;
        }

        return true;
    }
}
