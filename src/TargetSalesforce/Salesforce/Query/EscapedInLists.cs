namespace TargetSalesforce.Salesforce.Query;

/// <summary>
/// Statements `head` + `'a','b',…)` that together name every value once, each as long as a REST query's URI may carry
/// once escaped (<see cref="RestQuery.MaxEscapedLength"/>), so a lookup of a few hundred names takes a few requests.
/// </summary>
internal static class EscapedInLists
{
    /// <param name="head">The statement up to and including `IN (`.</param>
    /// <param name="values">Values of a text field (quoted and escaped here).</param>
    /// <param name="maxEscapedLength">The longest statement, counted as `Uri.EscapeDataString` writes it.</param>
    public static List<string> Build(string head, IEnumerable<string> values, int maxEscapedLength) =>
        InListStatements.Build(head, values.Select(value => SoqlLiteral.For(value, "string")), maxEscapedLength,
            text => Uri.EscapeDataString(text).Length, "a query URI of escaped characters");
}
