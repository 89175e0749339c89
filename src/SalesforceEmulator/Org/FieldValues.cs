using System.Globalization;

namespace SalesforceEmulator.Org;

/// <summary>
/// Checks a value written to a field and gives its stored form. Stored forms are what queries return:
/// booleans "true"/"false", numbers invariant, dates yyyy-MM-dd, datetimes UTC yyyy-MM-ddTHH:mm:ss.fff+0000, 18-char ids.
/// </summary>
public static class FieldValues
{
    // ISO 8601 with optional milliseconds and a mandatory zone, as the Bulk API date rules list.
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fK", "yyyy-MM-dd'T'HH:mm:ss.ffK", "yyyy-MM-dd'T'HH:mm:ss.fffK",
    ];

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static ValueProblem Normalize(SObjectField field, string raw, out string stored)
    {
        stored = raw;
        switch (field.Type)
        {
            case FieldType.Boolean:
                // xsd:boolean: true/false in any case, and 1/0.
                if (raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw == "1")
                    stored = "true";
                else if (raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw == "0")
                    stored = "false";
                else
                    return ValueProblem.NotValidForType;
                return ValueProblem.None;

            case FieldType.Int:
                if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    return ValueProblem.NotValidForType;
                stored = integer.ToString(CultureInfo.InvariantCulture);
                return WithinDigits(Math.Abs((double)integer), field.Definition.Digits ?? field.Definition.Precision, 0);

            case FieldType.Double or FieldType.Currency or FieldType.Percent:
                if (!double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    return ValueProblem.NotValidForType;
                if (field.Definition.Scale is int scale)
                    number = Math.Round(number, Math.Min(scale, 15), MidpointRounding.AwayFromZero);
                stored = number.ToString(CultureInfo.InvariantCulture);
                return WithinDigits(Math.Abs(number), field.Definition.Precision, field.Definition.Scale ?? 0);

            case FieldType.Date:
                if (raw.Length != 10 || !DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return ValueProblem.NotValidForType;
                return ValueProblem.None;

            case FieldType.DateTime:
                if (!HasZone(raw) || !DateTimeOffset.TryParseExact(raw, DateTimeFormats, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var moment))
                    return ValueProblem.NotValidForType;
                stored = FormatDateTime(moment);
                return ValueProblem.None;

            case FieldType.Id or FieldType.Reference:
                if (!SalesforceId.TryNormalize(raw, out var id))
                    return ValueProblem.MalformedId;
                stored = id;
                return ValueProblem.None;

            case FieldType.Picklist:
                if (field.Definition.RestrictedPicklist && !field.ActivePicklistValues.Contains(raw))
                    return ValueProblem.NotInRestrictedPicklist;
                return WithinLength(field, raw);

            case FieldType.Multipicklist:
                if (field.Definition.RestrictedPicklist && raw.Split(';').Any(v => !field.ActivePicklistValues.Contains(v)))
                    return ValueProblem.NotInRestrictedPicklist;
                return WithinLength(field, raw);

            case FieldType.Email:
                var at = raw.IndexOf('@', StringComparison.Ordinal);
                if (at <= 0 || at == raw.Length - 1 || raw.Contains(' ', StringComparison.Ordinal) || raw.IndexOf('.', at) < 0)
                    return ValueProblem.InvalidEmail;
                return WithinLength(field, raw);

            default:
                return WithinLength(field, raw);
        }
    }

    private static bool HasZone(string raw) =>
        raw.EndsWith('Z') || (raw.Length > 6 && (raw[^6] == '+' || raw[^6] == '-') && raw[^3] == ':');

    private static ValueProblem WithinLength(SObjectField field, string value) =>
        field.Length > 0 && value.Length > field.Length ? ValueProblem.TooLong : ValueProblem.None;

    private static ValueProblem WithinDigits(double magnitude, int? precision, int scale)
    {
        if (precision is not int digits)
            return ValueProblem.None;
        // The integer part may use precision - scale digits.
        return magnitude >= Math.Pow(10, digits - scale) ? ValueProblem.OutOfRange : ValueProblem.None;
    }
}
