using System.Globalization;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Turns one JSON value into the text a field of a given describe type takes in Bulk CSV.
/// A failure names the field type and the JSON type, never the value (it may be personal data).
/// </summary>
internal static class ValueConverter
{
    public static bool TryConvert(JToken token, FieldDescribe field, out string text, out string? failure)
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
            failure = $"field '{field.Name}' ({field.Type}) cannot take the JSON {JsonTypeName(token)} it was given";
            return false;
        }

        return true;
    }

    public static string JsonTypeName(JToken token) => token.Type switch
    {
        JTokenType.String => "string",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Date => "date-time string",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string? Boolean(JToken token) => token.Type switch
    {
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.String => ((string)token!).Trim().ToLowerInvariant() switch
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

    private static string? Date(JToken token)
    {
        if (token.Type == JTokenType.Date)
        {
            // The date as written, whatever its offset: a birthday stays on its day.
            return ((JValue)token).Value switch
            {
                DateTimeOffset dto => dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                System.DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        if (token.Type == JTokenType.String && IsPlainDate((string)token!) is { } plain)
        {
            return plain; // already what the field takes: no parse, no new string
        }

        return token.Type == JTokenType.String && IsoDateTime.TryParse((string)token!, out var value, out _)
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The text itself when it is exactly a valid `yyyy-MM-dd` date, the form taps mostly send.</summary>
    private static string? IsPlainDate(string text) =>
        text.Length == 10 && IsoDateTime.TryParseDate(text, out _)
            ? text
            : null;

    private static string? DateTime(JToken token)
    {
        DateTimeOffset value;
        if (token.Type == JTokenType.Date)
        {
            switch (((JValue)token).Value)
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
        else if (token.Type != JTokenType.String || !IsoDateTime.TryParse((string)token!, out value, out _))
        {
            return null;
        }

        return IsoDateTime.FormatUtc(value);
    }

    private static string? Number(JToken token) => token.Type switch
    {
        JTokenType.Integer => NumberText.FromInteger(((JValue)token).Value!),
        JTokenType.Float => ((JValue)token).Value switch
        {
            decimal d => NumberText.FromDecimal(d),
            double d => NumberText.FromDouble(d),
            float f => NumberText.FromDouble(f),
            _ => null,
        },
        JTokenType.String => NumberText.FromString((string)token!),
        _ => null,
    };

    private static string? Integer(JToken token) => Number(token) is { } plain ? NumberText.AsInteger(plain) : null;

    private static string? MultiPicklist(JToken token)
    {
        if (token is not JArray array)
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

            if (Text(item) is not { } value)
            {
                return null;
            }

            values.Add(value);
        }

        return string.Join(';', values);
    }

    private static string? Text(JToken token) => token.Type switch
    {
        JTokenType.String => (string)token!,
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.Integer or JTokenType.Float => Number(token),
        // A string Newtonsoft read as a date: give back ISO text rather than a culture's format.
        JTokenType.Date => ((JValue)token).Value switch
        {
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            System.DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    private static object? IntegerValue(JToken token) => ((JValue)token).Value switch
    {
        long l => l,
        _ => null,
    };
}
