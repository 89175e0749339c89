using System.Globalization;
using System.Text.RegularExpressions;

namespace TargetSalesforce.Salesforce.Limits;

/// <summary>
/// Reads `Sforce-Limit-Info: api-usage=18/15000` (Salesforce may add `per-app-api-usage=…` after a comma):
/// the org's daily API requests used so far and their maximum.
/// </summary>
internal static partial class LimitInfoHeader
{
    public static bool TryParseApiUsage(string? header, out long used, out long max)
    {
        used = 0;
        max = 0;
        if (header is null)
        {
            return false;
        }

        var match = ApiUsage().Match(header);
        return match.Success &&
               long.TryParse(match.Groups["used"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out used) &&
               long.TryParse(match.Groups["max"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out max) &&
               max > 0;
    }

    // `api-usage`, not the `per-app-api-usage` that may follow it: the org's total is what other integrations share.
    [GeneratedRegex(@"(?:^|[,;\s])api-usage\s*=\s*(?<used>\d+)\s*/\s*(?<max>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ApiUsage();
}
