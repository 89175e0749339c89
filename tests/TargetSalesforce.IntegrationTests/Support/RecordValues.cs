using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// Whether a row Salesforce answered with (a result file's row, an org record) carries an input record's
/// values. Line breaks compare as LF (the jobs are LF); numbers, booleans and date-times by value, since
/// the target may write them in another form than the tap did.
/// </summary>
internal static class RecordValues
{
    /// <summary>
    /// Every uploaded column the record has a property for holds that property's value, and every other
    /// uploaded column is empty (the record left that field alone). Relationship columns are not compared.
    /// </summary>
    public static bool MatchRow(JObject record, ResultRow row)
    {
        foreach (var (column, cell) in row.UploadedCells())
        {
            if (column.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var value = record.GetValue(column, StringComparison.OrdinalIgnoreCase);
            if (value is null ? cell.Length > 0 : !Same(value, cell))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Each of <paramref name="fields"/> the record carries holds the same value in the org's row.</summary>
    public static bool MatchOrg(JObject record, JObject orgRow, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            var value = record.GetValue(field, StringComparison.OrdinalIgnoreCase);
            if (value is not null && !Same(value, Text(orgRow.GetValue(field, StringComparison.OrdinalIgnoreCase))))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Text(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => null,
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.Integer or JTokenType.Float => Convert.ToString(((JValue)token).Value, CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    private static bool Same(JToken value, string? text)
    {
        switch (value.Type)
        {
            case JTokenType.Null:
                return string.IsNullOrEmpty(text) || text == "#N/A";
            case JTokenType.Object or JTokenType.Array:
                return true; // flattened or relationship values: not compared here
            case JTokenType.Boolean:
                return bool.TryParse(text, out var flag) && flag == (bool)value;
            case JTokenType.Integer or JTokenType.Float:
                var number = Text(value)!;
                return text == number
                    || (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var actual)
                        && decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected)
                        && actual == expected);
        }

        var expectedText = value.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (text == expectedText)
        {
            return true;
        }

        // A date-time the target wrote in UTC, or a number sent as a string.
        return text is not null
            && ((DateTimeOffset.TryParse(expectedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var actualWhen)
                 && when == actualWhen)
                || (decimal.TryParse(expectedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var expectedNumber)
                    && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var actualNumber)
                    && expectedNumber == actualNumber));
    }
}
