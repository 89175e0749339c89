using System.Globalization;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>
/// A relative date literal (TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n): a range of whole days,
/// counted in UTC on the org's clock (the emulator's users all live in UTC).
/// </summary>
public sealed record SoqlDateLiteral(string Name, int Days)
{
    private static readonly string[] Plain = ["TODAY", "YESTERDAY", "TOMORROW"];
    private static readonly string[] Counted = ["LAST_N_DAYS", "NEXT_N_DAYS"];

    /// <summary>Reads a bare word as a date literal; null when it is not one.</summary>
    public static SoqlDateLiteral? TryRead(string word)
    {
        if (Plain.Contains(word, StringComparer.OrdinalIgnoreCase))
            return new SoqlDateLiteral(word.ToUpperInvariant(), 0);
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Counted.Contains(word[..colon], StringComparer.OrdinalIgnoreCase)
            && int.TryParse(word.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            return new SoqlDateLiteral(word[..colon].ToUpperInvariant(), days);
        return null;
    }

    /// <summary>The days the literal covers: from <c>Start</c> up to, not including, <c>End</c>.</summary>
    public (DateOnly Start, DateOnly End) Range(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return Name switch
        {
            "TODAY" => (today, today.AddDays(1)),
            "YESTERDAY" => (today.AddDays(-1), today),
            "TOMORROW" => (today.AddDays(1), today.AddDays(2)),
            // "Starts 00:00:00 of the current day and continues for the past n days": today and the n days before it.
            "LAST_N_DAYS" => (today.AddDays(-Days), today.AddDays(1)),
            // "Starts 00:00:00 of the next day and continues for the next n days".
            _ => (today.AddDays(1), today.AddDays(1 + Days)),
        };
    }
}
