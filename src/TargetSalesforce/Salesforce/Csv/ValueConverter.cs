using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Turns one JSON value into the text a field of a given describe type takes in Bulk CSV.
/// A failure names the field type and the JSON type, never the value (it may be personal data).
/// </summary>
internal static class ValueConverter
{
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryConvert(FlatValue token, FieldDescribe field, out string text, out string? failure)
    {
        failure = null;
        string? result = field.Type switch
        {
            "boolean" => Boolean(token),
            "date" => Date(token),
            "datetime" => DateTime(token),
            "int" or "long" => Integer(token),
            "double" or "currency" or "percent" => Number(token),
            "multipicklist" => MultiPicklist(token),
            _ => Text(token),
        };

        text = result ?? string.Empty;
        if (result is null)
        {
            failure = $"field '{field.Name}' ({field.Type}) cannot take the JSON {JsonTypeName(token.Type)} it was given";
            return false;
        }

        return true;
    }

    public static string JsonTypeName(JTokenType type) => type switch
    {
        JTokenType.String => "string",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Date => "date-time string",
        JTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string? Boolean(FlatValue token) => token.Type switch
    {
        JTokenType.Boolean => (bool)RawValue(token)! ? "true" : "false",
        JTokenType.String => token.Text!.Trim().ToLowerInvariant() switch
        {
            "true" => "true",
            "false" => "false",
            _ => null,
        },
        JTokenType.Integer => (long?)IntegerValue(token) switch
        {
            1 => "true",
            0 => "false",
            _ => null,
        },
        _ => null,
    };

    private static string? Date(FlatValue token)
    {
        if (token.Type == JTokenType.Date)
        {
            // The date as written, whatever its offset: a birthday stays on its day.
            return ((JValue)token.Token!).Value switch
            {
                DateTimeOffset dto => dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                System.DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        if (token.Text is { } text && IsPlainDate(text) is { } plain)
        {
            return plain; // already what the field takes: no parse, no new string
        }

        return token.Text is { } other && IsoDateTime.TryParse(other, out var value, out _)
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The text itself when it is exactly a valid `yyyy-MM-dd` date, the form taps mostly send.</summary>
    private static string? IsPlainDate(string text) =>
        text.Length == 10 && IsoDateTime.TryParseDate(text, out _)
            ? text
            : null;

    private static string? DateTime(FlatValue token)
    {
        DateTimeOffset value;
        if (token.Type == JTokenType.Date)
        {
            switch (((JValue)token.Token!).Value)
            {
                case DateTimeOffset dto:
                    value = dto;
                    break;
                case System.DateTime dt:
                    value = dt.Kind == DateTimeKind.Local ? new DateTimeOffset(dt) : new DateTimeOffset(System.DateTime.SpecifyKind(dt, DateTimeKind.Utc));
                    break;
                default:
                    return null;
            }
        }
        else if (token.Text is not { } text || !IsoDateTime.TryParse(text, out value, out _))
        {
            return null;
        }

        return IsoDateTime.FormatUtc(value);
    }

    private static string? Number(FlatValue token) => token.Type switch
    {
        JTokenType.Integer => NumberText.FromInteger(RawValue(token)!),
        JTokenType.Float => RawValue(token) switch
        {
            decimal d => NumberText.FromDecimal(d),
            double d => NumberText.FromDouble(d),
            float f => NumberText.FromDouble(f),
            _ => null,
        },
        JTokenType.String => NumberText.FromString(token.Text!),
        _ => null,
    };

    /// <summary>The .NET value of a scalar, whether the record holds it bare or in a JValue (a nested value).</summary>
    private static object? RawValue(FlatValue token) => token.Token is JValue wrapped ? wrapped.Value : token.Scalar;

    private static string? Integer(FlatValue token) => Number(token) is { } plain ? NumberText.AsInteger(plain) : null;

    private static string? MultiPicklist(FlatValue token)
    {
        if (token.Token is not JArray array)
        {
            return Text(token);
        }

        var values = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item.Type == JTokenType.Null)
            {
                continue;
            }

            if (Text(FlatValue.From(item)) is not { } value)
            {
                return null;
            }

            values.Add(value);
        }

        return string.Join(';', values);
    }

    private static string? Text(FlatValue token) => token.Type switch
    {
        JTokenType.String => token.Text,
        JTokenType.Boolean => (bool)RawValue(token)! ? "true" : "false",
        JTokenType.Integer or JTokenType.Float => Number(token),
        // A string Newtonsoft read as a date: give back ISO text rather than a culture's format.
        JTokenType.Date => ((JValue)token.Token!).Value switch
        {
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            System.DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    private static object? IntegerValue(FlatValue token) => RawValue(token) switch
    {
        long l => l,
        _ => null,
    };
}
