using System.Globalization;

namespace SalesforceEmulator.Rest;

/// <summary>The REST API versions the emulator advertises (31.0, Summer '14, up to 66.0, Spring '26).</summary>
public static class ApiVersions
{
    public const int Oldest = 31;
    public const int Latest = 66;

    /// <summary>Release label: three releases a year, Summer '14 being 31.0.</summary>
    public static string Label(int major)
    {
        var sinceSummer14 = major - Oldest;
        var season = (sinceSummer14 % 3) switch { 0 => "Summer", 1 => "Winter", _ => "Spring" };
        var year = 14 + (sinceSummer14 + 2) / 3;
        return string.Create(CultureInfo.InvariantCulture, $"{season} '{year:00}");
    }

    /// <summary>v, digits, a dot, one digit: v60.0.</summary>
    public static bool IsValidSegment(string segment)
    {
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        return segment.Length >= 4 && segment[0] == 'v' && dot > 1 && dot == segment.Length - 2
            && segment.AsSpan(1, dot - 1).IndexOfAnyExceptInRange('0', '9') < 0 && char.IsAsciiDigit(segment[^1]);
    }

    /// <summary>"v60.0" → "60.0".</summary>
    public static string FromSegment(string segment) => segment.TrimStart('v', 'V');
}
