using System.Globalization;
using System.Runtime.CompilerServices;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Turns one record value into the text a field of a given describe type takes in Bulk CSV.
/// A failure quotes the value (cut short: the record is in the reject file whole) and says what
/// the field takes, so the user can fix the tap without rerunning to find out.
/// </summary>
internal static class ValueConverter
{
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryConvert(RecordValue value, FieldDescribe field, out string text, out string? failure)
    {
        failure = null;
        string? result = ConversionOf(field.Type) switch
        {
            Conversion.Boolean => Boolean(value),
            Conversion.Date => Date(value),
            Conversion.DateTime => DateTime(value),
            Conversion.Integer => Integer(value),
            Conversion.Number => Number(value),
            Conversion.MultiPicklist => MultiPicklist(value),
            _ => Text(value),
        };

        text = result ?? string.Empty;
        if (result is null)
        {
            failure = $"field '{field.Name}' ({field.Type}) cannot take the JSON {KindName(value)} {Quote(value)}: it takes {FormatOf(field.Type)}";
            return false;
        }

        return true;
    }

    /// <summary>How a field takes a JSON string's own text (see <see cref="StringUseOf"/>).</summary>
    public enum StringUse
    {
        /// <summary>The text is converted (a number, a checkbox, a date-time): <see cref="TryConvert"/> it.</summary>
        Converted,

        /// <summary>The text is the cell as it is (text, picklist, Id, reference…).</summary>
        AsIs,

        /// <summary>The text is the cell when it is already a plain `yyyy-MM-dd` date; otherwise it is converted.</summary>
        AsIsWhenPlainDate,
    }

    /// <summary>
    /// Whether a field of <paramref name="fieldType"/> takes a JSON string exactly as written, so a writer holding the
    /// string as UTF-8 can copy its bytes with no string between. It says what <see cref="TryConvert"/> does with a string.
    /// </summary>
    public static StringUse StringUseOf(string fieldType) => ConversionOf(fieldType) switch
    {
        Conversion.Text or Conversion.MultiPicklist => StringUse.AsIs, // a multipicklist given one string takes it as text
        Conversion.Date => StringUse.AsIsWhenPlainDate,
        _ => StringUse.Converted,
    };

    /// <summary>How a value becomes the cell of a field of each describe type: the one place those types are named.</summary>
    private enum Conversion
    {
        Text,
        Boolean,
        Date,
        DateTime,
        Integer,
        Number,
        MultiPicklist,
    }

    private static Conversion ConversionOf(string fieldType) => fieldType switch
    {
        "boolean" => Conversion.Boolean,
        "date" => Conversion.Date,
        "datetime" => Conversion.DateTime,
        "int" or "long" => Conversion.Integer,
        "double" or "currency" or "percent" => Conversion.Number,
        "multipicklist" => Conversion.MultiPicklist,
        _ => Conversion.Text,
    };

    /// <summary>Whether UTF-8 text is exactly a valid `yyyy-MM-dd` date (<see cref="IsPlainDate(string)"/>).</summary>
    public static bool IsPlainDate(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[PlainDateLength];
        return utf8.Length == PlainDateLength
               && System.Text.Ascii.ToUtf16(utf8, chars, out _) == System.Buffers.OperationStatus.Done
               && IsoDateTime.TryParseDate(chars, out _);
    }

    private const int PlainDateLength = 10;

    /// <summary>Longest value quoted in a failure: enough to recognise it, short enough for one log line.</summary>
    public const int QuotedValueLength = 80;

    /// <summary>What each describe type takes, in the words a failure uses.</summary>
    public static string FormatOf(string fieldType) => ConversionOf(fieldType) switch
    {
        Conversion.Boolean => "true or false (in any case), 1 or 0",
        Conversion.Date => "a date as yyyy-MM-dd (an ISO 8601 date-time gives its date)",
        Conversion.DateTime => "an ISO 8601 date-time such as 2026-01-31T09:30:00Z (no offset means UTC; a date alone is its midnight)",
        Conversion.Integer => "a whole number (a JSON integer or a string of digits)",
        Conversion.Number => "a number (a JSON number or a numeric string)",
        Conversion.MultiPicklist => "a string, or an array of strings joined with ';'",
        _ => "a string, number or boolean",
    };

    /// <summary>The value as JSON would show it (an object or array only by its brackets), cut to <see cref="QuotedValueLength"/> characters.</summary>
    public static string Quote(RecordValue value)
    {
        var json = value.Kind switch
        {
            ValueKind.String => Newtonsoft.Json.JsonConvert.ToString(value.Text),
            ValueKind.Null => "null",
            ValueKind.Boolean => (bool)value.Scalar! ? "true" : "false",
            ValueKind.Object => "{…}",
            ValueKind.Array => "[…]",
            ValueKind.DateTime => value.Scalar switch
            {
                DateTimeOffset dto => "\"" + dto.ToString("o", CultureInfo.InvariantCulture) + "\"",
                System.DateTime dt => "\"" + dt.ToString("o", CultureInfo.InvariantCulture) + "\"",
                _ => "\"\"",
            },
            _ => Convert.ToString(value.Scalar, CultureInfo.InvariantCulture) ?? "",
        };
        return json.Length <= QuotedValueLength ? json : string.Concat(json.AsSpan(0, QuotedValueLength), "…");
    }

    /// <summary>The value's type as JSON names it, for messages.</summary>
    public static string KindName(RecordValue value) => value.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Integer => "integer",
        ValueKind.Number => "number",
        ValueKind.Boolean => "boolean",
        ValueKind.Object => "object",
        ValueKind.Array => "array",
        ValueKind.DateTime => "date-time string",
        ValueKind.Null => "null",
        _ => value.Scalar as string ?? "value",
    };

    private static string? Boolean(RecordValue value) => value.Kind switch
    {
        ValueKind.Boolean => (bool)value.Scalar! ? "true" : "false",
        ValueKind.String => value.Text!.Trim().ToLowerInvariant() switch
        {
            "true" => "true",
            "false" => "false",
            _ => null,
        },
        ValueKind.Integer => value.Scalar switch
        {
            1L => "true",
            0L => "false",
            _ => null,
        },
        _ => null,
    };

    private static string? Date(RecordValue value)
    {
        if (value.Kind == ValueKind.DateTime)
        {
            // The date as written, whatever its offset: a birthday stays on its day.
            return value.Scalar switch
            {
                DateTimeOffset dto => dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                System.DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        if (value.Text is { } text && IsPlainDate(text) is { } plain)
        {
            return plain; // already what the field takes: no parse, no new string
        }

        return value.Text is { } other && IsoDateTime.TryParse(other, out var parsed, out _)
            ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The text itself when it is exactly a valid `yyyy-MM-dd` date, the form taps mostly send.</summary>
    private static string? IsPlainDate(string text) =>
        text.Length == PlainDateLength && IsoDateTime.TryParseDate(text, out _)
            ? text
            : null;

    private static string? DateTime(RecordValue value)
    {
        DateTimeOffset instant;
        if (value.Kind == ValueKind.DateTime)
        {
            switch (value.Scalar)
            {
                case DateTimeOffset dto:
                    instant = dto;
                    break;
                case System.DateTime dt:
                    instant = dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(System.DateTime.SpecifyKind(dt, DateTimeKind.Utc));
                    break;
                default:
                    return null;
            }
        }
        else if (value.Text is not { } text || !IsoDateTime.TryParse(text, out instant, out _))
        {
            return null;
        }

        return IsoDateTime.FormatUtc(instant);
    }

    private static string? Number(RecordValue value) => value.Kind switch
    {
        ValueKind.Integer => NumberText.FromInteger(value.Scalar!),
        ValueKind.Number => value.Scalar switch
        {
            decimal d => NumberText.FromDecimal(d),
            double d => NumberText.FromDouble(d),
            float f => NumberText.FromDouble(f),
            _ => null,
        },
        ValueKind.String => NumberText.FromString(value.Text!),
        _ => null,
    };

    private static string? Integer(RecordValue value) => Number(value) is { } plain ? NumberText.AsInteger(plain) : null;

    private static string? MultiPicklist(RecordValue value)
    {
        if (value.Items is not { } items)
        {
            return Text(value);
        }

        var values = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item.Kind == ValueKind.Null)
            {
                continue;
            }

            if (Text(item) is not { } text)
            {
                return null;
            }

            values.Add(text);
        }

        return string.Join(';', values);
    }

    private static string? Text(RecordValue value) => value.Kind switch
    {
        ValueKind.String => value.Text,
        ValueKind.Boolean => (bool)value.Scalar! ? "true" : "false",
        ValueKind.Integer or ValueKind.Number => Number(value),
        // A string the reader turned into a date: give back ISO text rather than a culture's format.
        ValueKind.DateTime => value.Scalar switch
        {
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            System.DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
