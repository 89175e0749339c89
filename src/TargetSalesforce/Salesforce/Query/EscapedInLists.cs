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
    public static List<string> Build(string head, IEnumerable<string> values, int maxEscapedLength)
    {
        var headLength = Escaped(head);
        var closing = Escaped(")");
        var comma = Escaped(",");
        var statements = new List<string>();
        var current = new System.Text.StringBuilder(head);
        var length = headLength;
        var inList = 0;
        foreach (var value in values)
        {
            var literal = SoqlLiteral.For(value, "string");
            var literalLength = Escaped(literal);
            if (headLength + literalLength + closing > maxEscapedLength)
            {
                throw new ArgumentException($"a value of {value.Length} characters cannot fit in a query of at most {maxEscapedLength} escaped characters", nameof(values));
            }

            if (inList > 0 && length + comma + literalLength + closing > maxEscapedLength)
            {
                statements.Add(current.Append(')').ToString());
                current.Clear().Append(head);
                length = headLength;
                inList = 0;
            }

            if (inList > 0)
            {
                current.Append(',');
                length += comma;
            }

            current.Append(literal);
            length += literalLength;
            inList++;
        }

        if (inList > 0)
        {
            statements.Add(current.Append(')').ToString());
        }

        return statements;
    }

    private static int Escaped(string text) => Uri.EscapeDataString(text).Length;
}
