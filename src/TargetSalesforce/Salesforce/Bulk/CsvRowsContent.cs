using System.Net.Http.Headers;
using System.Runtime.InteropServices;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>The header and rows of one job as a request body, written straight from the rows' arrays.</summary>
internal sealed class CsvRowsContent : HttpContent
{
    private readonly byte[] header;
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> rows;

    public CsvRowsContent(byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        this.header = header;
        this.rows = rows;
        Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "UTF-8" };
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);

        // Rows encoded one after another sit side by side in the same array: one write covers the run.
        var run = ReadOnlyMemory<byte>.Empty;
        foreach (var row in rows)
        {
            if (!TryExtend(run, row, out var longer))
            {
                await stream.WriteAsync(run, cancellationToken).ConfigureAwait(false);
                longer = row;
            }

            run = longer;
        }

        await stream.WriteAsync(run, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = header.Length;
        foreach (var row in rows)
        {
            length += row.Length;
        }

        return true;
    }

    private static bool TryExtend(ReadOnlyMemory<byte> run, ReadOnlyMemory<byte> next, out ReadOnlyMemory<byte> longer)
    {
        if (run.IsEmpty)
        {
            longer = next;
            return true;
        }

        if (MemoryMarshal.TryGetArray(run, out var a) && MemoryMarshal.TryGetArray(next, out var b)
            && ReferenceEquals(a.Array, b.Array) && a.Offset + a.Count == b.Offset)
        {
            longer = new ReadOnlyMemory<byte>(a.Array, a.Offset, a.Count + b.Count);
            return true;
        }

        longer = default;
        return false;
    }
}
