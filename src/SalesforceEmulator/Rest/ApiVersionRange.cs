using System.Globalization;

namespace SalesforceEmulator.Rest;

/// <summary>Where an API version stands in an org: served, retired (gone), or one the org never had.</summary>
public enum ApiVersionStatus
{
    Supported,
    Retired,
    Unknown,
}

/// <summary>
/// The API versions an org serves, oldest to newest, each a whole major version (60.0). Below the oldest a version is
/// retired (REST answers 410 GONE, SOAP UNSUPPORTED_API_VERSION); above the newest the org does not know it (404).
/// </summary>
public sealed record ApiVersionRange(int Oldest, int Newest)
{
    /// <summary>
    /// 31.0 (Summer '14) is the oldest version still served in 2026: 21.0–30.0 were retired in Summer '25, 31.0–40.0
    /// retire in Summer '28. 68.0 (Winter '27) is the release current at the end of 2026.
    /// </summary>
    public static ApiVersionRange Default { get; } = new(31, 68);

    /// <summary>Bulk API 2.0 ingest exists from API 41.0 (Winter '18) on.</summary>
    public const int FirstBulkIngestVersion = 41;

    /// <summary>Bulk API 2.0 query jobs exist from API 47.0 (Winter '20) on.</summary>
    public const int FirstBulkQueryVersion = 47;

    /// <summary>Reads "31.0-68.0" (or "31-68"); false when it is not two versions, oldest first.</summary>
    public static bool TryParse(string text, out ApiVersionRange range)
    {
        range = Default;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !TryParseVersion(text[..dash], out var oldest) || !TryParseVersion(text[(dash + 1)..], out var newest)
            || oldest > newest)
            return false;
        range = new ApiVersionRange(oldest, newest);
        return true;
    }

    /// <summary>Every served version, oldest first.</summary>
    public IEnumerable<int> All => Enumerable.Range(Oldest, Newest - Oldest + 1);

    /// <summary>Where a URL segment such as "v60.0" stands; anything not v + digits + ".0" is unknown.</summary>
    public ApiVersionStatus Classify(string? segment, int oldestForResource = 0)
    {
        if (segment is null || !TryParseSegment(segment, out var major))
            return ApiVersionStatus.Unknown;
        if (major > Newest)
            return ApiVersionStatus.Unknown;
        if (major < Oldest)
            return ApiVersionStatus.Retired;
        return major < oldestForResource ? ApiVersionStatus.Unknown : ApiVersionStatus.Supported;
    }

    /// <summary>Where a bare version such as "60.0" (SOAP URLs carry no v) stands.</summary>
    public ApiVersionStatus ClassifyNumber(string version) => Classify("v" + version);

    /// <summary>Release label: three releases a year (Spring, Summer, Winter, the Winter one named after the next year), 30.0 being Spring '14.</summary>
    public static string Label(int major)
    {
        var sinceSpring14 = major - 30;
        var season = ((sinceSpring14 % 3) + 3) % 3;
        var year = 14 + (int)Math.Floor(sinceSpring14 / 3.0) + (season == 2 ? 1 : 0);
        var name = season switch { 0 => "Spring", 1 => "Summer", _ => "Winter" };
        return string.Create(CultureInfo.InvariantCulture, $"{name} '{year % 100:00}");
    }

    /// <summary>"v60.0" → "60.0".</summary>
    public static string FromSegment(string segment) => segment.TrimStart('v', 'V');

    /// <summary>v, digits, ".0": v60.0 gives 60. Minor versions other than 0 never existed.</summary>
    private static bool TryParseSegment(string segment, out int major)
    {
        major = 0;
        return segment.Length >= 4 && segment[0] == 'v' && segment.Contains('.', StringComparison.Ordinal)
            && TryParseVersion(segment[1..], out major);
    }

    private static bool TryParseVersion(string text, out int major)
    {
        major = 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? text : text[..dot];
        if (dot >= 0 && text[(dot + 1)..] != "0")
            return false;
        return digits.Length is > 0 and <= 4 && digits.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out major);
    }
}
