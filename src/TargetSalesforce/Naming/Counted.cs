using System.Globalization;

namespace TargetSalesforce.Naming;

/// <summary>A count with its noun in the right number: "1 record", "2 records".</summary>
internal static class Counted
{
    public static string Of(long count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");
}
