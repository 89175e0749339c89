using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>Numbers as Salesforce reads them best: invariant culture, every digit, never an exponent.</summary>
internal static partial class NumberText
{
    private const int MaxExponent = 400;

    public static string FromInteger(object value) => value switch
    {
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A double's shortest round-trip digits, written out without an exponent.</summary>
    public static string? FromDouble(double value) =>
        double.IsFinite(value) ? Expand(value.ToString("R", CultureInfo.InvariantCulture)) : null;

    public static string FromDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A numeric string (`12`, `-1.50`, `1e21`, `+.5`) in plain form, or null when it is no number.</summary>
    public static string? FromString(string text)
    {
        var trimmed = text.Trim();
        return Pattern().IsMatch(trimmed) ? Expand(trimmed) : null;
    }

    /// <summary>`12.50` → `12.50`; `12.0` → `12`; `12.5` → null (an integer field cannot take it).</summary>
    public static string? AsInteger(string plain)
    {
        var point = plain.IndexOf('.', StringComparison.Ordinal);
        if (point < 0)
        {
            return plain;
        }

        if (plain.AsSpan(point + 1).IndexOfAnyExcept('0') >= 0)
        {
            return null;
        }

        var whole = plain[..point];
        return whole is "" or "-" ? whole + "0" : whole;
    }

    /// <summary>Moves the point instead of writing `E`: `1.5E-7` → `0.00000015`, `1E+21` → `1000000000000000000000`.</summary>
    private static string? Expand(string number)
    {
        var text = number.TrimStart('+');
        var e = text.IndexOfAny(['e', 'E']);
        if (e < 0)
        {
            return Normalise(text);
        }

        // Salesforce numbers have at most 18 digits; an exponent past this bound is no value it could hold.
        if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) ||
            Math.Abs(exponent) > MaxExponent)
        {
            return null;
        }

        var mantissa = text[..e];
        var negative = mantissa.StartsWith('-');
        mantissa = mantissa.TrimStart('-', '+');
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var pointAt = (point < 0 ? mantissa.Length : point) + exponent;

        var builder = new StringBuilder(digits.Length + Math.Abs(exponent) + 3);
        if (negative)
        {
            builder.Append('-');
        }

        if (pointAt <= 0)
        {
            builder.Append("0.").Append('0', -pointAt).Append(digits);
        }
        else if (pointAt >= digits.Length)
        {
            builder.Append(digits).Append('0', pointAt - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
        }

        return Normalise(builder.ToString());
    }

    /// <summary>No leading zeros beyond one, a `0` before a bare point, no trailing point.</summary>
    private static string Normalise(string plain)
    {
        var negative = plain.StartsWith('-');
        var body = negative ? plain[1..] : plain;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? body : body[..point]).TrimStart('0');
        var fraction = point < 0 ? string.Empty : body[(point + 1)..];
        if (whole.Length == 0)
        {
            whole = "0";
        }

        var result = fraction.Length == 0 ? whole : $"{whole}.{fraction}";
        return negative && result.AsSpan().IndexOfAnyExcept("0.") >= 0 ? "-" + result : result;
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
