using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// Turns the input, one JSON message a line, into <see cref="SingerMessage"/>s as it arrives: constant
/// memory whatever the input size. Lenient mode (Mage) skips the tap's log noise that Mage mixes in.
/// </summary>
public sealed class MessageReader(ILogger logger, bool lenient)
{
    // Invalid bytes decode to U+FFFF (a noncharacter no text needs), so the bad line is found after
    // the line split; a throwing decoder would fail on a whole buffer, at the wrong line.
    private const char InvalidByteMarker = '\uFFFF';

    private static readonly Encoding MarkedUtf8 = Encoding.GetEncoding(
        "utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(InvalidByteMarker.ToString()));

    private readonly HashSet<string> warnedTypes = new(StringComparer.OrdinalIgnoreCase);
    // One name table for the general path (SCHEMA lines, and records it reads) and the fast path's records
    // (RecordLineParser.KnownNames), so both give a property the same string.
    private readonly RecordLineParser records = new(new InternedNames());
    private readonly RecordLineParser batchRecords = new();

    /// <summary>Lines skipped as noise in lenient mode.</summary>
    public long SkippedLines { get; private set; }

    /// <summary>Lines read so far.</summary>
    public long LinesRead { get; private set; }

    /// <summary>The input's messages one by one.</summary>
    public async IAsyncEnumerable<SingerMessage> ReadAsync(
        Stream input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in ReadChunksAsync(input, 256, cancellationToken).ConfigureAwait(false))
        {
            foreach (var message in chunk)
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// The input's messages in runs of at most <paramref name="maxChunk"/>: every complete line already
    /// read is parsed before the next read from the input, so handing a run to another thread costs one
    /// hand-over for many lines, and a quiet tap's last lines are never held back waiting for more. A
    /// BATCH message is followed by its files' records, read here in runs too. A bad line (or batch
    /// file) ends the input after the run of messages before it.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "A bad line is captured and rethrown once the messages read before it have been handed over.")]
    public async IAsyncEnumerable<IReadOnlyList<SingerMessage>> ReadChunksAsync(
        Stream input, int maxChunk, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var lines = new Utf8LineReader(input);
        while (true)
        {
            var chunk = new List<SingerMessage>(Math.Min(maxChunk, 256));
            BatchMessage? batch = null;
            ExceptionDispatchInfo? failure = null;
            try
            {
                batch = ReadBufferedLines(lines, chunk, maxChunk);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }

            failure?.Throw();
            if (batch is not null)
            {
                await foreach (var run in BatchFileReader.ReadRunsAsync(batch, batchRecords, maxChunk, cancellationToken).ConfigureAwait(false))
                {
                    yield return run;
                }
            }
            else if (chunk.Count < maxChunk && !await lines.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Parses the lines already read into <paramref name="chunk"/>, up to <paramref name="maxChunk"/> messages; stops
    /// after a BATCH message (its files' records come next) and returns it, else null.
    /// </summary>
    [SuppressMessage("Maintainability", "CA1508", Justification = "The analyzer wrongly takes Parse never to return a BatchMessage; a BATCH line does (BatchFileReaderTests).")]
    private BatchMessage? ReadBufferedLines(Utf8LineReader lines, List<SingerMessage> chunk, int maxChunk)
    {
        while (chunk.Count < maxChunk && lines.TryReadLine())
        {
            if (Parse(lines.Line.Span) is { } message)
            {
                chunk.Add(message);
                if (message is BatchMessage batch)
                {
                    return batch;
                }
            }
        }

        return null;
    }

    /// <summary>The next line of the input to a message, or null for a line that carries none.</summary>
    internal SingerMessage? Parse(ReadOnlySpan<byte> line)
    {
        LinesRead++;
        return records.TryParse(line, LinesRead) ?? Parse(MarkedUtf8.GetString(line), LinesRead);
    }

    /// <summary>One line to a message, or null for a line that carries none (blank, noise, unknown type).</summary>
    internal SingerMessage? Parse(string line, long lineNumber)
    {
        var text = line.AsSpan().Trim().TrimStart('\uFEFF');
        if (text.IsEmpty)
        {
            return null;
        }

        if (lenient && text[0] != '{')
        {
            SkipNoise(lineNumber, "not JSON");
            return null;
        }

        if (line.Contains(InvalidByteMarker, StringComparison.Ordinal))
        {
            throw new SingerInputException(lineNumber, "the line is not valid UTF-8");
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Read(line, records.KnownNames!);
        }
        catch (JsonException exception)
        {
            if (lenient)
            {
                SkipNoise(lineNumber, JsonLine.Describe(exception));
                return null;
            }

            throw new SingerInputException(lineNumber, $"not valid JSON: {JsonLine.Describe(exception)}: {JsonLine.Excerpt(line)}");
        }

        return ToMessage(envelope, line, lineNumber);
    }

    private SingerMessage? ToMessage(Envelope envelope, string line, long lineNumber)
    {
        var type = envelope.Type;
        if (type is null)
        {
            if (envelope.Level is not null && envelope.Message is not null)
            {
                Relog(envelope.Level, envelope.Message);
                return null;
            }

            throw new SingerInputException(lineNumber, $"the message has no 'type': {JsonLine.Excerpt(line)}");
        }

        if (type.Equals("RECORD", StringComparison.OrdinalIgnoreCase))
        {
            var stream = RequireStream(envelope, type, lineNumber);
            if (envelope.Record is not { } record)
            {
                throw new SingerInputException(lineNumber, $"RECORD of stream '{stream}' needs 'record' (a JSON object)");
            }

            return new RecordMessage(lineNumber, stream, record);
        }

        if (type.Equals("SCHEMA", StringComparison.OrdinalIgnoreCase))
        {
            var stream = RequireStream(envelope, type, lineNumber);
            if (envelope.Schema is not JObject schema)
            {
                throw new SingerInputException(lineNumber, $"SCHEMA of stream '{stream}' needs 'schema' (a JSON object)");
            }

            return new SchemaMessage(lineNumber, stream, schema, KeyProperties(envelope.KeyProperties, stream, lineNumber));
        }

        if (type.Equals("STATE", StringComparison.OrdinalIgnoreCase))
        {
            return new StateMessage(lineNumber, envelope.Value ?? JValue.CreateNull());
        }

        if (type.Equals("ACTIVATE_VERSION", StringComparison.OrdinalIgnoreCase))
        {
            var stream = RequireStream(envelope, type, lineNumber);
            long? version = envelope.Version is { Type: JTokenType.Integer } v ? v.Value<long>() : null;
            return new ActivateVersionMessage(lineNumber, stream, version);
        }

        if (type.Equals("BATCH", StringComparison.OrdinalIgnoreCase))
        {
            return ToBatch(envelope, lineNumber);
        }

        if (lenient && type.Equals("LOG", StringComparison.OrdinalIgnoreCase))
        {
            SkipNoise(lineNumber, "a Mage LOG line");
            return null;
        }

        if (warnedTypes.Add(type))
        {
            logger.LogWarning("Skipping messages of unknown type '{Type}' (first at line {Line})", type, lineNumber);
        }

        return null;
    }

    private static BatchMessage ToBatch(Envelope envelope, long lineNumber)
    {
        var stream = RequireStream(envelope, "BATCH", lineNumber);
        if (envelope.Encoding is not JObject encoding)
        {
            throw new SingerInputException(lineNumber, $"BATCH of stream '{stream}' needs 'encoding' (an object with 'format')");
        }

        var format = encoding.Value<string?>("format");
        if (!string.Equals(format, "jsonl", StringComparison.OrdinalIgnoreCase))
        {
            throw new SingerInputException(lineNumber, $"BATCH of stream '{stream}' has format '{format}'; only 'jsonl' is supported");
        }

        var compressionName = encoding.Value<string?>("compression");
        var compression = compressionName switch
        {
            null => BatchCompression.None,
            _ when compressionName.Equals("none", StringComparison.OrdinalIgnoreCase) => BatchCompression.None,
            _ when compressionName.Equals("gzip", StringComparison.OrdinalIgnoreCase) => BatchCompression.Gzip,
            _ => throw new SingerInputException(lineNumber, $"BATCH of stream '{stream}' has compression '{compressionName}'; only 'gzip' and 'none' are supported"),
        };

        if (envelope.Manifest is not JArray manifest)
        {
            throw new SingerInputException(lineNumber, $"BATCH of stream '{stream}' needs 'manifest' (a list of file URLs)");
        }

        var files = new List<Uri>(manifest.Count);
        foreach (var entry in manifest)
        {
            var text = entry.Type == JTokenType.String ? (string?)entry : null;
            if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new SingerInputException(lineNumber, $"BATCH of stream '{stream}': manifest entry '{entry}' is not a local file:// URL; only local batch files are supported");
            }

            files.Add(uri);
        }

        return new BatchMessage(lineNumber, stream, compression, files);
    }

    private static string RequireStream(Envelope envelope, string type, long lineNumber) =>
        envelope.Stream is { Length: > 0 } stream
            ? stream
            : throw new SingerInputException(lineNumber, $"{type.ToUpperInvariant()} needs 'stream' (a non-empty string)");

    private static string[] KeyProperties(JToken? token, string stream, long lineNumber)
    {
        if (token is null || token.Type == JTokenType.Null)
        {
            return [];
        }

        if (token is JArray array && array.All(k => k.Type == JTokenType.String))
        {
            return array.Select(k => (string)k!).ToArray();
        }

        throw new SingerInputException(lineNumber, $"SCHEMA of stream '{stream}': 'key_properties' must be a list of property names");
    }

    private void SkipNoise(long lineNumber, string why)
    {
        SkippedLines++;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Skipping line {Line}: {Reason}", lineNumber, why);
        }
    }

    /// <summary>
    /// A tap's own log line that Mage mixed into the input. Its errors go out as warnings: they are the
    /// tap's, and Mage fails the whole block on any ERROR line.
    /// </summary>
    private void Relog(string level, string message)
    {
        var logLevel = level.ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            _ => LogLevel.Warning,
        };
        if (logger.IsEnabled(logLevel))
        {
            logger.Log(logLevel, "Tap: {Message}", message);
        }
    }

    /// <summary>The top-level fields of a message, read in one streaming pass without a JObject for the envelope.</summary>
    private readonly record struct Envelope(
        string? Type, string? Stream, FlatRecord? Record, JToken? Schema, JToken? KeyProperties, JToken? Value,
        JToken? Version, JToken? Encoding, JToken? Manifest, string? Level, string? Message)
    {
        public static Envelope Read(string line, JsonNameTable propertyNames)
        {
            using var reader = JsonLine.CreateReader(line, propertyNames);
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                throw new JsonReaderException("a message must be a JSON object");
            }

            var envelope = default(Envelope);
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!reader.Read())
                {
                    throw new JsonReaderException("the message ends inside a value");
                }

                envelope = name switch
                {
                    "type" => envelope with { Type = ReadString(reader) },
                    "stream" => envelope with { Stream = ReadString(reader) },
                    "record" => envelope with { Record = ReadRecord(reader) },
                    "schema" => envelope with { Schema = JToken.Load(reader, JsonLine.LoadSettings) },
                    "key_properties" => envelope with { KeyProperties = JToken.Load(reader, JsonLine.LoadSettings) },
                    "value" => envelope with { Value = JToken.Load(reader, JsonLine.LoadSettings) },
                    "version" => envelope with { Version = JToken.Load(reader, JsonLine.LoadSettings) },
                    "encoding" => envelope with { Encoding = JToken.Load(reader, JsonLine.LoadSettings) },
                    "manifest" => envelope with { Manifest = JToken.Load(reader, JsonLine.LoadSettings) },
                    "level" => envelope with { Level = ReadString(reader) },
                    "message" => envelope with { Message = ReadString(reader) },
                    _ => Skip(reader, envelope),
                };
            }

            if (reader.TokenType != JsonToken.EndObject)
            {
                throw new JsonReaderException("the message ends before its closing brace");
            }

            JsonLine.EnsureEnd(reader);
            return envelope;
        }

        /// <summary>A record straight into its flat form: no JObject is built on the hot path. Not an object: null.</summary>
        private static FlatRecord? ReadRecord(JsonTextReader reader)
        {
            if (reader.TokenType == JsonToken.StartObject)
            {
                return FlatRecord.Read(reader, JsonLine.LoadSettings);
            }

            reader.Skip();
            return null;
        }

        private static string? ReadString(JsonTextReader reader)
        {
            if (reader.TokenType == JsonToken.String)
            {
                return (string?)reader.Value;
            }

            reader.Skip();
            return null;
        }

        private static Envelope Skip(JsonTextReader reader, Envelope envelope)
        {
            reader.Skip();
            return envelope;
        }
    }
}
