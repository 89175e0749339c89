using System.Text;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// A parsed CSV document (Bulk result files, and our own uploaded rows when they must be
/// compared). RFC 4180: quoted fields with doubled quotes and line breaks, LF or CRLF rows.
/// </summary>
internal sealed class CsvTable(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
{
    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<string[]> Rows { get; } = rows;

    public static readonly CsvTable Empty = new([], []);

    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Parses a whole document. An empty body is an empty table (Salesforce sometimes sends 204 or nothing).</summary>
    /// <exception cref="FormatException">A quote is never closed (a truncated body) or a row has the wrong width.</exception>
    public static CsvTable Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var text = Encoding.UTF8.GetString(utf8);
        var records = ParseRecords(text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", string.Empty, StringComparison.Ordinal) : text);
        if (records.Count == 0)
        {
            return Empty;
        }

        var header = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new FormatException($"CSV row {i + 1} has {records[i].Length} fields where the header has {header.Length}.");
            }
        }

        return new CsvTable(header, records.Skip(1).ToList());
    }

    /// <summary>Parses one encoded row (no header) into its cells.</summary>
    public static string[] ParseRow(ReadOnlySpan<byte> utf8)
    {
        var records = ParseRecords(Encoding.UTF8.GetString(utf8));
        return records.Count == 0 ? [string.Empty] : records[0];
    }

    private static List<string[]> ParseRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n' or '\r':
                    fields.Add(field.ToString());
                    records.Add([.. fields]);
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }

            i++;
        }

        if (quoted)
        {
            throw new FormatException("the CSV ends inside a quoted field (a truncated body?).");
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
