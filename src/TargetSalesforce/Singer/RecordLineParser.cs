using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// The fast path for the line nearly every input is made of: a RECORD message of plain values, read
/// straight from its UTF-8 bytes with System.Text.Json's reader — no string per line, no copy into a
/// char buffer, no allocation beyond the values themselves. Anything it is not sure to read exactly as
/// the general path (<see cref="MessageReader"/> through Newtonsoft) would — another message type,
/// escapes in the type, a number beyond a long or with an exponent, a duplicate name, any doubt about
/// the bytes — it declines, and the general path reads the line, errors and all. A test holds the two
/// to the same result line for line.
/// </summary>
internal sealed class RecordLineParser
{
    /// <summary>Property positions whose names are remembered; wider records still parse, the rest uncached.</summary>
    private const int RememberedPositions = 256;

    // Past this many properties, duplicates are found with a set rather than by comparing every pair.
    private const int PairwiseDuplicateLimit = 24;

    private readonly string?[] rememberedNames = new string?[RememberedPositions];
    private readonly byte[]?[] rememberedNameBytes = new byte[]?[RememberedPositions];
    private readonly List<string> names = new(32);
    private readonly List<FlatValue> values = new(32);
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Utf8TextArena strings = new();
    private string[] lastLayout = [];
    private string? lastStream;
    private byte[] lastStreamBytes = [];

    public RecordLineParser(InternedNames? knownNames = null) => KnownNames = knownNames;

    /// <summary>
    /// The reading loop's property names (its SCHEMA messages are read with them), so a record's names are the very
    /// strings the stream's columns were made from: a writer's lookup by name then matches by reference, not by text.
    /// </summary>
    public InternedNames? KnownNames { get; }

    /// <summary>The line as a record message, or null when the general path must read it.</summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordMessage? TryParse(ReadOnlySpan<byte> line, long lineNumber) =>
        // A line holding U+FFFF is the general path's to judge: it is that path's mark for bytes that are not UTF-8.
        IsPlainObject(line) && line.IndexOf(NoncharacterFFFF) < 0 ? Guarded(line, lineNumber, envelope: true) as RecordMessage : null;

    /// <summary>
    /// A line that is just a record object (a BATCH file's line), or null when the general path
    /// (<see cref="JsonLine.ParseRecord"/>) must read it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FlatRecord? TryParseRecord(ReadOnlySpan<byte> line) =>
        IsPlainObject(line) ? Guarded(line, 0, envelope: false) as FlatRecord : null;

    /// <summary>Valid UTF-8 that starts as a JSON object at its first byte: anything else is the general path's.</summary>
    private static bool IsPlainObject(ReadOnlySpan<byte> line) => !line.IsEmpty && line[0] == (byte)'{' && Utf8.IsValid(line);

    /// <summary>A message (<paramref name="envelope"/>) or a bare record; null for any JSON this path will not vouch for.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private object? Guarded(ReadOnlySpan<byte> line, long lineNumber, bool envelope)
    {
        try
        {
            return envelope ? Read(line, lineNumber) : ReadBare(line);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null; // e.g. an escaped lone surrogate, which Newtonsoft reads and System.Text.Json refuses
        }
    }

    private FlatRecord? ReadBare(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        reader.Read(); // the '{' checked above
        var record = ReadRecord(ref reader, line);
        return record is not null && reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? record : null;
    }

    /// <summary>U+FFFF in UTF-8.</summary>
    private static ReadOnlySpan<byte> NoncharacterFFFF => [0xEF, 0xBF, 0xBF];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RecordMessage? Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        reader.Read(); // the '{' checked above
        var isRecord = false;
        string? stream = null;
        FlatRecord? record = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (isRecord || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || !System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "RECORD"u8))
                {
                    return null;
                }

                isRecord = true;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (stream is not null || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                stream = StreamName(ref reader);
            }
            else if (reader.ValueTextEquals("record"u8))
            {
                reader.Read();
                if (record is not null || reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                record = ReadRecord(ref reader, line);
                if (record is null)
                {
                    return null;
                }
            }
            else
            {
                // Another field of the envelope (time_extracted, version): a plain value is skipped as the
                // general path skips it; one it would load as a token is left to it.
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return null;
                }
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return isRecord && stream is { Length: > 0 } && record is not null ? new RecordMessage(lineNumber, stream, record) : null;
    }

    private string StreamName(ref Utf8JsonReader reader)
    {
        if (lastStream is not null && reader.ValueTextEquals(lastStreamBytes))
        {
            return lastStream;
        }

        lastStream = reader.GetString()!;
        lastStreamBytes = System.Text.Encoding.UTF8.GetBytes(lastStream);
        return lastStream;
    }

    /// <summary>The record object the reader stands on, or null when a value needs the general path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FlatRecord? ReadRecord(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        names.Clear();
        values.Clear();
        strings.ReserveForRecord(PackedValues.MostBytesFor(line.Length));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(PropertyName(ref reader, names.Count));
            reader.Read();
            if (ReadValue(ref reader, line) is not { } value)
            {
                return null;
            }

            values.Add(value);
        }

        var layout = Layout();
        if (layout is null)
        {
            return null;
        }

        return PackedValues.TryWrite(strings, CollectionsMarshal.AsSpan(values), out var chunk, out var table)
            ? FlatRecord.FromUniqueNames(layout, chunk, table)
            : FlatRecord.FromUniqueNames(layout, [.. values]);
    }

    /// <summary>The name at this position: the same string as last time when the bytes match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string PropertyName(ref Utf8JsonReader reader, int position)
    {
        if (position >= RememberedPositions)
        {
            return reader.GetString()!;
        }

        if (rememberedNameBytes[position] is { } bytes && reader.ValueTextEquals(bytes))
        {
            return rememberedNames[position]!;
        }

        var name = reader.GetString()!;
        name = KnownNames?.Intern(name) ?? name;
        rememberedNames[position] = name;
        rememberedNameBytes[position] = System.Text.Encoding.UTF8.GetBytes(name);
        return name;
    }

    /// <summary>
    /// This record's names as an array: the last record's when they are the same strings (taps write
    /// every record alike), else a new one checked for duplicates. Null on a duplicate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string[]? Layout()
    {
        if (names.Count == lastLayout.Length)
        {
            var same = true;
            for (var i = 0; i < names.Count && same; i++)
            {
                same = ReferenceEquals(names[i], lastLayout[i]);
            }

            if (same)
            {
                return lastLayout;
            }
        }

        if (HasDuplicate())
        {
            return null;
        }

        lastLayout = [.. names];
        return lastLayout;
    }

    private bool HasDuplicate()
    {
        if (names.Count <= PairwiseDuplicateLimit)
        {
            for (var i = 1; i < names.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(names[i], names[j], StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        seen.Clear();
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value as Newtonsoft's reader makes of it; null when the general path must decide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FlatValue? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line) => reader.TokenType switch
    {
        JsonTokenType.String => strings.AddString(ref reader),
        JsonTokenType.Number => Number(reader.ValueSpan),
        JsonTokenType.True => FlatValue.Boolean(true),
        JsonTokenType.False => FlatValue.Boolean(false),
        JsonTokenType.Null => FlatValue.Null,
        JsonTokenType.StartObject or JsonTokenType.StartArray => Nested(ref reader, line),
        _ => null,
    };

    /// <summary>
    /// An integer that fits a long; a plain decimal fraction (no exponent, few enough digits to be exact),
    /// which Newtonsoft reads here as a decimal. Either is kept as its text and parsed only when asked for
    /// (<see cref="FlatValue.Scalar"/>). Anything else: the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FlatValue? Number(ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            // The reader has checked the JSON grammar (a sign, then digits): 18 characters always fit a long.
            if (text.Length <= MaxCertainLongLength)
            {
                return strings.AddNumber(text, JTokenType.Integer);
            }

            return Utf8Parser.TryParse(text, out long _, out var used) && used == text.Length ? strings.AddNumber(text, JTokenType.Integer) : null;
        }

        if (text.IndexOfAny((byte)'e', (byte)'E') >= 0 || text.Length > MaxExactDecimalLength)
        {
            return null;
        }

        // Digits, a sign and one point, within the length below: decimal takes it, exactly (FlatValue parses it later).
        return strings.AddNumber(text, JTokenType.Float);
    }

    /// <summary>The longest integer text certain to fit a long: 18 digits (a long holds any 18, not every 19).</summary>
    private const int MaxCertainLongLength = 18;

    /// <summary>Digits, a sign and a point: 28 digits always fit a decimal exactly.</summary>
    private const int MaxExactDecimalLength = 30;

    /// <summary>A nested object or array, loaded by Newtonsoft from its own bytes with the general path's settings.</summary>
    private static FlatValue? Nested(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var text = System.Text.Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
        try
        {
            using var nested = JsonLine.CreateReader(text);
            nested.Read();
            return FlatValue.From(JToken.Load(nested, JsonLine.LoadSettings));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
