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

    private const string StoredDateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'";

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(StoredDateTimeFormat, CultureInfo.InvariantCulture);

    public static ValueProblem Normalize(SObjectField field, string raw, out string stored)
    {
        var problem = Normalize(field, raw.AsSpan(), out var converted);
        stored = converted ?? raw;
        return problem;
    }

    /// <summary>
    /// Checks a value; <paramref name="converted"/> is its stored form when that differs from <paramref name="raw"/>,
    /// null when the value is stored as given (most are, so no string is made for them).
    /// </summary>
    public static ValueProblem Normalize(SObjectField field, ReadOnlySpan<char> raw, out string? converted)
    {
        converted = null;
        Span<char> formatted = stackalloc char[64];
        int written;
        switch (field.Type)
        {
            case FieldType.Boolean:
                // xsd:boolean: true/false in any case, and 1/0.
                if (raw.Equals("true", StringComparison.OrdinalIgnoreCase) || raw.SequenceEqual("1"))
                    converted = "true";
                else if (raw.Equals("false", StringComparison.OrdinalIgnoreCase) || raw.SequenceEqual("0"))
                    converted = "false";
                else
                    return ValueProblem.NotValidForType;
                return ValueProblem.None;

            case FieldType.Int:
                if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    return ValueProblem.NotValidForType;
                integer.TryFormat(formatted, out written, default, CultureInfo.InvariantCulture);
                converted = Changed(raw, formatted[..written]);
                return WithinDigits(Math.Abs((double)integer), field.Definition.Digits ?? field.Definition.Precision, 0);

            case FieldType.Double or FieldType.Currency or FieldType.Percent:
                if (!double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    return ValueProblem.NotValidForType;
                if (field.Definition.Scale is int scale)
                    number = Math.Round(number, Math.Min(scale, 15), MidpointRounding.AwayFromZero);
                number.TryFormat(formatted, out written, default, CultureInfo.InvariantCulture);
                converted = Changed(raw, formatted[..written]);
                return WithinDigits(Math.Abs(number), field.Definition.Precision, field.Definition.Scale ?? 0);

            case FieldType.Date:
                if (raw.Length != 10 || !DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    return ValueProblem.NotValidForType;
                return ValueProblem.None;

            case FieldType.DateTime:
                if (!HasZone(raw) || !DateTimeOffset.TryParseExact(raw, DateTimeFormats, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var moment))
                    return ValueProblem.NotValidForType;
                moment.UtcDateTime.TryFormat(formatted, out written, StoredDateTimeFormat, CultureInfo.InvariantCulture);
                converted = Changed(raw, formatted[..written]);
                return ValueProblem.None;

            case FieldType.Id or FieldType.Reference:
                if (!SalesforceId.TryNormalize(raw, formatted[..SalesforceId.Length]))
                    return ValueProblem.MalformedId;
                converted = Changed(raw, formatted[..SalesforceId.Length]);
                return ValueProblem.None;

            case FieldType.Picklist:
                if (field.Definition.RestrictedPicklist && !field.ActivePicklistValues.Contains(raw.ToString()))
                    return ValueProblem.NotInRestrictedPicklist;
                return WithinLength(field, raw);

            case FieldType.Multipicklist:
                if (field.Definition.RestrictedPicklist && !AllActive(field, raw))
                    return ValueProblem.NotInRestrictedPicklist;
                return WithinLength(field, raw);

            case FieldType.Email:
                var at = raw.IndexOf('@');
                if (at <= 0 || at == raw.Length - 1 || raw.Contains(' ') || raw[at..].IndexOf('.') < 0)
                    return ValueProblem.InvalidEmail;
                return WithinLength(field, raw);

            case FieldType.Address or FieldType.Location:
                // Any text passes here: the field is not writable, which the write reports with Salesforce's error.
                return ValueProblem.None;

            default:
                return WithinLength(field, raw);
        }
    }

    /// <summary>Whether every ;-separated value of a multi-select picklist is an active value of the field.</summary>
    /// <remarks>A method of its own: a lambda capturing the field inside <see cref="Normalize(SObjectField, ReadOnlySpan{char}, out string?)"/>
    /// made every call allocate the closure, whatever the field's type.</remarks>
    private static bool AllActive(SObjectField field, ReadOnlySpan<char> raw)
    {
        foreach (var value in raw.ToString().Split(';'))
        {
            if (!field.ActivePicklistValues.Contains(value))
                return false;
        }
        return true;
    }

    /// <summary>The stored form as a new string when it differs from the raw text, else null.</summary>
    private static string? Changed(ReadOnlySpan<char> raw, ReadOnlySpan<char> stored) =>
        raw.SequenceEqual(stored) ? null : new string(stored);

    private static bool HasZone(ReadOnlySpan<char> raw) =>
        raw.EndsWith('Z') || (raw.Length > 6 && (raw[^6] == '+' || raw[^6] == '-') && raw[^3] == ':');

    private static ValueProblem WithinLength(SObjectField field, ReadOnlySpan<char> value) =>
        field.Length > 0 && value.Length > field.Length ? ValueProblem.TooLong : ValueProblem.None;

    private static ValueProblem WithinDigits(double magnitude, int? precision, int scale)
    {
        if (precision is not int digits)
            return ValueProblem.None;
        // The integer part may use precision - scale digits.
        return magnitude >= Math.Pow(10, digits - scale) ? ValueProblem.OutOfRange : ValueProblem.None;
    }
}
