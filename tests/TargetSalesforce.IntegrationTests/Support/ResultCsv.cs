using System.Text;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// A Bulk result file read back by the tests (RFC 4180: quoted cells, doubled quotes, line breaks inside
/// quotes). The tests' own reader: it shares no code with the target or the emulator, which it checks.
/// </summary>
internal sealed class ResultCsv
{
    private ResultCsv(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static ResultCsv Parse(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var atCellStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when atCellStart:
                    quoted = true;
                    atCellStart = false;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    atCellStart = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    records.Add([.. cells]);
                    cells.Clear();
                    atCellStart = true;
                    break;
                default:
                    cell.Append(c);
                    atCellStart = false;
                    break;
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add([.. cells]);
        }

        return records.Count == 0 ? new ResultCsv([], []) : new ResultCsv(records[0], records.Skip(1).ToList());
    }
}
