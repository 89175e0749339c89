using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>How one line of JSON is read: numbers as decimals (no precision lost), dates left as strings.</summary>
internal static class JsonLine
{
    /// <summary>The longest piece of a bad line quoted in an error.</summary>
    public const int ExcerptLength = 80;

    /// <summary>No line info per token (memory), and a duplicate key is an error rather than a silent choice.</summary>
    public static readonly JsonLoadSettings LoadSettings = new()
    {
        LineInfoHandling = LineInfoHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
    };

    public static JsonTextReader CreateReader(string line, JsonNameTable? propertyNames = null) =>
        new(new StringReader(line))
        {
            FloatParseHandling = FloatParseHandling.Decimal,
            DateParseHandling = DateParseHandling.None,
            ArrayPool = CharArrayPool.Instance,
            CloseInput = true,
            PropertyNameTable = propertyNames,
        };

    /// <summary>Parses a line that must hold exactly one JSON object, as a record.</summary>
    public static FlatRecord ParseRecord(string line)
    {
        using var reader = CreateReader(line);
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException("expected a JSON object");
        }

        var value = FlatRecord.Read(reader, LoadSettings);
        EnsureEnd(reader);
        return value;
    }

    /// <summary>Fails when anything but whitespace follows the value.</summary>
    public static void EnsureEnd(JsonTextReader reader)
    {
        if (reader.Read())
        {
            throw new JsonReaderException($"unexpected {reader.TokenType} after the end of the message");
        }
    }

    /// <summary>Newtonsoft's reason without its own `line 1, position` (every line is line 1 to it).</summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(", line ", StringComparison.Ordinal);
        }

        if (cut >= 0)
        {
            message = message[..cut];
        }

        message = message.TrimEnd('.', ' ');
        if (exception is JsonReaderException { LinePosition: > 0 } reader)
        {
            message += $" at position {reader.LinePosition}";
        }

        if (message.Contains("not a valid decimal", StringComparison.Ordinal))
        {
            message += " (a number beyond the range this target can carry exactly)";
        }

        return message;
    }

    /// <summary>The start of a line, at most <see cref="ExcerptLength"/> characters, control characters masked.</summary>
    public static string Excerpt(string line)
    {
        var length = Math.Min(line.Length, ExcerptLength);
        var text = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            text.Append(char.IsControl(line[i]) ? '?' : line[i]);
        }

        if (line.Length > ExcerptLength)
        {
            text.Append('…');
        }

        return text.ToString();
    }
}
