namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Reads ISO 8601 dates and date-times as taps write them: `2024-01-31`, `2024-01-31T10:00:00Z`,
/// any offset (`+02:00`, `+0200`), a space for the `T`, any number of fraction digits (nanoseconds
/// are cut to 100 ns ticks). A date-time without an offset is read as UTC. Digits are ASCII only.
/// Hand-written rather than a regex and DateOnly.ParseExact: it runs for every date cell of a load,
/// and this way it allocates nothing.
/// </summary>
internal static class IsoDateTime
{
    public static bool TryParse(string text, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        var s = text.AsSpan();
        if (!TryParseDate(s, out var date))
        {
            return false;
        }

        if (s.Length == 10)
        {
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        // T hh:mm
        if (s.Length < 16 || s[10] is not ('T' or 't' or ' ') || s[13] != ':'
            || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute))
        {
            return false;
        }

        var at = 16;
        var second = 0;
        long ticks = 0;
        if (at < s.Length && s[at] == ':')
        {
            if (s.Length < at + 3 || !TryDigits(s.Slice(at + 1, 2), out second))
            {
                return false;
            }

            at += 3;
            if (at < s.Length && s[at] is '.' or ',')
            {
                var digits = 0;
                for (at++; at < s.Length && char.IsAsciiDigit(s[at]); at++, digits++)
                {
                    if (digits < 7)
                    {
                        ticks = (ticks * 10) + (s[at] - '0');
                    }
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    ticks *= 10;
                }
            }
        }

        if (!TryParseOffset(s[at..], out var offset) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        hasTime = true;
        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(ticks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Exactly `yyyy-MM-dd` at the start of <paramref name="s"/>, a real day of years 1 to 9999.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>`yyyy-MM-ddTHH:mm:ss.fffZ`, the form Salesforce takes for a dateTime field.</summary>
    public static string FormatUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return string.Create(24, utc, static (chars, t) =>
        {
            Write(chars[..4], t.Year);
            chars[4] = '-';
            Write(chars.Slice(5, 2), t.Month);
            chars[7] = '-';
            Write(chars.Slice(8, 2), t.Day);
            chars[10] = 'T';
            Write(chars.Slice(11, 2), t.Hour);
            chars[13] = ':';
            Write(chars.Slice(14, 2), t.Minute);
            chars[16] = ':';
            Write(chars.Slice(17, 2), t.Second);
            chars[19] = '.';
            Write(chars.Slice(20, 3), t.Millisecond);
            chars[23] = 'Z';
        });
    }

    // Nothing, Z, or ±hh:mm / ±hhmm.
    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.IsEmpty || s is "Z" or "z")
        {
            return true;
        }

        if (s[0] is not ('+' or '-'))
        {
            return false;
        }

        var minutesAt = s.Length == 6 && s[3] == ':' ? 4 : 3;
        if (s.Length != minutesAt + 2 || !TryDigits(s.Slice(1, 2), out var hours) || !TryDigits(s.Slice(minutesAt, 2), out var minutes)
            || hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = (s[0] == '-' ? -1 : 1) * new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static void Write(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
