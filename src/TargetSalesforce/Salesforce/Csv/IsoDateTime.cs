using System.Globalization;
using System.Text.RegularExpressions;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Reads ISO 8601 dates and date-times as taps write them: `2024-01-31`, `2024-01-31T10:00:00Z`,
/// any offset (`+02:00`, `+0200`), a space for the `T`, any number of fraction digits (nanoseconds
/// are cut to 100 ns ticks). A date-time without an offset is read as UTC.
/// </summary>
internal static partial class IsoDateTime
{
    public static bool TryParse(string text, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        if (!match.Groups["hour"].Success)
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        hasTime = true;
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);

        var offset = TimeSpan.Zero;
        if (match.Groups["offset"].Success && match.Groups["offset"].Value is not ("Z" or "z"))
        {
            var sign = match.Groups["offset"].Value[0] == '-' ? -1 : 1;
            var offsetHours = int.Parse(match.Groups["oh"].Value, CultureInfo.InvariantCulture);
            var offsetMinutes = int.Parse(match.Groups["om"].Value, CultureInfo.InvariantCulture);
            if (offsetHours > 14 || offsetMinutes > 59)
            {
                return false;
            }

            offset = sign * new TimeSpan(offsetHours, offsetMinutes, 0);
        }

        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(ticks);
        value = new DateTimeOffset(local, offset);
        return true;
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[Tt ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d+))?)?(?<offset>[Zz]|[+-](?<oh>\d{2}):?(?<om>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
