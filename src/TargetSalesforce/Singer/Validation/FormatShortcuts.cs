using System.Globalization;
using System.Runtime.CompilerServices;

namespace TargetSalesforce.Singer.Validation;

/// <summary>
/// Cheap yes-answers for the formats taps stamp on most of their columns (`date`, `date-time`):
/// the plain ISO shape NJsonSchema's validator certainly accepts, checked without its
/// culture-aware parse over a list of patterns. Only a yes is final; anything else still goes to
/// NJsonSchema, so the answer never differs from its own (a test holds the shortcuts to that).
/// </summary>
internal static class FormatShortcuts
{
    /// <summary>Room for every date and date-time taps write; a longer value is left to the full check, which answers alike.</summary>
    public const int LongestShape = 64;

    public static bool CertainlyValid(string format, ReadOnlySpan<char> value) => format switch
    {
        "date" => IsCalendarDate(value),
        "date-time" => IsIsoDateTime(value),
        _ => false,
    };

    /// <summary>`yyyy-MM-dd` in ASCII digits, a real day of a year from 1 on.</summary>
    private static bool IsCalendarDate(ReadOnlySpan<char> s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-'
        && Digits(s[..4], out var year) && Digits(s.Slice(5, 2), out var month) && Digits(s.Slice(8, 2), out var day)
        && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>
    /// `yyyy-MM-ddThh:mm:ss[.f+]` then `Z` or `±hh:mm`, ASCII digits, `T`, `t`, `_` or a space between:
    /// the shape NJsonSchema accepts by pattern whatever the digits say.
    /// </summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsIsoDateTime(ReadOnlySpan<char> s)
    {
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't' or '_' or ' ') || s[13] != ':' || s[16] != ':'
            || !AllDigits(s[..4]) || !AllDigits(s.Slice(5, 2)) || !AllDigits(s.Slice(8, 2))
            || !AllDigits(s.Slice(11, 2)) || !AllDigits(s.Slice(14, 2)) || !AllDigits(s.Slice(17, 2)))
        {
            return false;
        }

        var at = 19;
        if (s[at] == '.')
        {
            var digits = at + 1;
            while (digits < s.Length && char.IsAsciiDigit(s[digits]))
            {
                digits++;
            }

            if (digits == at + 1)
            {
                return false;
            }

            at = digits;
        }

        var offset = s[at..];
        return offset is "Z" or "z"
            || (offset.Length == 6 && offset[0] is '+' or '-' && offset[3] == ':' && AllDigits(offset.Slice(1, 2)) && AllDigits(offset.Slice(4, 2)));
    }

    private static bool AllDigits(ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');

    /// <summary>ASCII digits only: the number parser takes no other digits, signs or spaces under NumberStyles.None.</summary>
    private static bool Digits(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
