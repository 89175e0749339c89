using System.Globalization;
using System.Text;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>Values written into SOQL: quoted and escaped strings, bare numbers.</summary>
internal static class SoqlLiteral
{
    /// <summary>Describe types whose values SOQL compares as numbers, written without quotes.</summary>
    public static bool IsNumeric(string fieldType) => fieldType is "int" or "double" or "currency" or "percent" or "long";

    /// <summary>A value of a field of <paramref name="fieldType"/> as SOQL text: `'A-1'`, `'O\'Brien'`, or `42`.</summary>
    /// <exception cref="FormatException">A numeric field's key is not a number.</exception>
    public static string For(string value, string fieldType)
    {
        if (IsNumeric(fieldType))
        {
            return Number(value) ?? throw new FormatException($"'{value}' is not a number, and the key field is numeric");
        }

        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\'' => text.Append("\\'"),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                '\b' => text.Append("\\b"),
                '\f' => text.Append("\\f"),
                _ => text.Append(c),
            };
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A number in one canonical form (no trailing zeros), so `42`, `42.0` and `4.2E1` compare equal; null when not a number.</summary>
    public static string? Number(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
            : null;
}
