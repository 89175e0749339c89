using System.IO.Compression;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>Reads the records of a BATCH message's local JSON-lines files, one at a time.</summary>
internal static class BatchFileReader
{
    public static IEnumerable<RecordMessage> ReadRecords(BatchMessage batch)
    {
        foreach (var file in batch.Manifest)
        {
            var path = file.LocalPath;
            if (!File.Exists(path))
            {
                throw new SingerInputException(batch.Line, $"batch file '{path}' of stream '{batch.Stream}' does not exist");
            }

            foreach (var record in ReadFile(batch, path))
            {
                yield return record;
            }
        }
    }

    private static IEnumerable<RecordMessage> ReadFile(BatchMessage batch, string path)
    {
        using var file = File.OpenRead(path);
        using Stream content = batch.Compression == BatchCompression.Gzip
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(content);
        long fileLine = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException exception)
            {
                throw new SingerInputException(batch.Line, $"batch file '{path}' is not valid {batch.Compression.ToString().ToLowerInvariant()} data: {exception.Message}");
            }

            if (line is null)
            {
                yield break;
            }

            fileLine++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            FlatRecord record;
            try
            {
                record = JsonLine.ParseRecord(line);
            }
            catch (JsonException exception)
            {
                throw new SingerInputException(batch.Line, $"batch file '{path}' line {fileLine} is not a JSON object: {JsonLine.Describe(exception)}: {JsonLine.Excerpt(line)}");
            }

            yield return new RecordMessage(batch.Line, batch.Stream, record);
        }
    }
}
