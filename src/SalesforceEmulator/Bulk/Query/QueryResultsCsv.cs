using System.Text;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// One page of a query job's results as CSV in the job's delimiter and line ending: a header naming the columns as
/// the query did (a parent's field as <c>Account.Name</c>, in the order selected, as from API 50.0), then each row.
/// Values are quoted, as in the guide's example; an empty value (null) is written as nothing. Datetimes end in Z.
/// Every page carries the header.
/// </summary>
public static class QueryResultsCsv
{
    public static async Task WriteAsync(QueryJob job, SoqlResult result, int offset, int count, Stream output, CancellationToken cancellationToken)
    {
        var delimiter = job.Dialect.Delimiter;
        var newline = job.Dialect.Crlf ? "\r\n" : "\n";
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        for (var c = 0; c < result.Columns.Count; c++)
        {
            if (c > 0)
                line.Append(delimiter);
            Quote(line, result.Columns[c].Name);
        }
        line.Append(newline);
        for (var i = offset; i < offset + count; i++)
        {
            var record = result.Records[i];
            for (var c = 0; c < result.Columns.Count; c++)
            {
                if (c > 0)
                    line.Append(delimiter);
                var column = result.Columns[c];
                if (column.Value(record) is { } value)
                    Quote(line, column.Field.Type == FieldType.DateTime && value.EndsWith("+0000", StringComparison.Ordinal) ? value[..^5] + "Z" : value);
            }
            line.Append(newline);
            if (line.Length > 1 << 15)
            {
                await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                line.Clear();
            }
        }
        await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Quote(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
                line.Append('"');
            line.Append(c);
        }
        line.Append('"');
    }
}
