using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;

namespace TargetSalesforce.Singer;

/// <summary>
/// Reads the records of a BATCH message's local JSON-lines files, in runs, on the reading thread: a
/// batch is parsed as fast as the input itself (plain records straight from their bytes), while the
/// loading loop checks and encodes the runs before it.
/// </summary>
internal static class BatchFileReader
{
    /// <summary>The batch's records, in runs of at most <paramref name="maxRun"/>, file after file.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<SingerMessage>> ReadRunsAsync(
        BatchMessage batch, RecordLineParser parser, int maxRun, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var file in batch.Manifest)
        {
            var path = file.LocalPath;
            if (!File.Exists(path))
            {
                throw new SingerInputException(batch.Line, $"batch file '{path}' of stream '{batch.Stream}' does not exist");
            }

            await using var stream = File.OpenRead(path);
            await using Stream content = batch.Compression == BatchCompression.Gzip
                ? new GZipStream(stream, CompressionMode.Decompress)
                : stream;
            using var lines = new Utf8LineReader(content);
            long fileLine = 0;
            while (true)
            {
                var run = new List<SingerMessage>(Math.Min(maxRun, 256));
                SingerInputException? failure = null;
                try
                {
                    while (run.Count < maxRun && lines.TryReadLine())
                    {
                        fileLine++;
                        if (Parse(batch, path, fileLine, lines.Line.Span, parser) is { } record)
                        {
                            run.Add(record);
                        }
                    }
                }
                catch (SingerInputException exception)
                {
                    failure = exception;
                }

                // The records before a bad line go first, as they would from the input itself.
                if (run.Count > 0)
                {
                    yield return run;
                }

                if (failure is not null)
                {
                    throw failure;
                }

                if (run.Count < maxRun && !await FillAsync(lines, batch, path, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
    }

    /// <summary>The records of a batch one by one (tests, and anything that wants them without runs).</summary>
    public static async IAsyncEnumerable<RecordMessage> ReadRecordsAsync(BatchMessage batch)
    {
        await foreach (var run in ReadRunsAsync(batch, new RecordLineParser(), 256).ConfigureAwait(false))
        {
            foreach (var message in run)
            {
                yield return (RecordMessage)message;
            }
        }
    }

    private static RecordMessage? Parse(BatchMessage batch, string path, long fileLine, ReadOnlySpan<byte> bytes, RecordLineParser parser)
    {
        if (parser.TryParseRecord(bytes) is { } fast)
        {
            return new RecordMessage(batch.Line, batch.Stream, fast);
        }

        var line = Encoding.UTF8.GetString(bytes);
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            return new RecordMessage(batch.Line, batch.Stream, JsonLine.ParseRecord(line));
        }
        catch (JsonException exception)
        {
            throw new SingerInputException(batch.Line, $"batch file '{path}' line {fileLine} is not a JSON object: {JsonLine.Describe(exception)}: {JsonLine.Excerpt(line)}");
        }
    }

    private static async ValueTask<bool> FillAsync(Utf8LineReader lines, BatchMessage batch, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await lines.FillAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw new SingerInputException(batch.Line, $"batch file '{path}' is not valid {batch.Compression.ToString().ToLowerInvariant()} data: {exception.Message}");
        }
    }
}
