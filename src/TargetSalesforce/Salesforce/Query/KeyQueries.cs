using System.Text;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>
/// `SELECT Id, &lt;key&gt; FROM &lt;Object&gt; WHERE &lt;key&gt; IN (…)` statements that together name every key once, each
/// as long as Salesforce allows and no longer, so 100,000 short keys take a dozen statements, not a request per key.
/// </summary>
internal static class KeyQueries
{
    /// <param name="maxLength">The longest statement Salesforce accepts (<see cref="SalesforceLimits.MaxSoqlLength"/>).</param>
    /// <param name="withIsDeleted">Also select IsDeleted (for `queryAll`, which returns rows in the Recycle Bin).</param>
    public static List<string> Build(string objectName, string keyField, string keyFieldType, IEnumerable<string> keys, int maxLength, bool withIsDeleted)
    {
        var head = $"SELECT Id, {keyField}{(withIsDeleted ? ", IsDeleted" : string.Empty)} FROM {objectName} WHERE {keyField} IN (";
        var statements = new List<string>();
        var current = new StringBuilder(head);
        var inList = 0;
        foreach (var key in keys)
        {
            var literal = SoqlLiteral.For(key, keyFieldType);
            if (head.Length + literal.Length + 1 > maxLength)
            {
                throw new ArgumentException($"a key of {literal.Length} characters cannot fit in a SOQL statement of at most {maxLength}", nameof(keys));
            }

            // One more literal, its comma and the closing parenthesis must fit.
            if (inList > 0 && current.Length + 1 + literal.Length + 1 > maxLength)
            {
                statements.Add(current.Append(')').ToString());
                current.Clear().Append(head);
                inList = 0;
            }

            if (inList > 0)
            {
                current.Append(',');
            }

            current.Append(literal);
            inList++;
        }

        if (inList > 0)
        {
            statements.Add(current.Append(')').ToString());
        }

        return statements;
    }
}
