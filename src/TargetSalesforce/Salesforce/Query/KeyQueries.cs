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
        return InListStatements.Build(head, keys.Select(key => SoqlLiteral.For(key, keyFieldType)), maxLength, text => text.Length, "a SOQL statement");
    }
}
