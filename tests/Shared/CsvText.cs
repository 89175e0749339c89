using System.Text;

namespace TestSupport;

/// <summary>
/// The tests' own CSV reader for Bulk result files (RFC 4180: quoted cells, doubled quotes, line breaks inside
/// quotes, LF or CRLF rows). Linked into the emulator's tests and the integration tests alike; it shares no code
/// with the target or the emulator, which it checks.
/// </summary>
internal static class CsvText
{
    /// <summary>Every row of <paramref name="text"/>, the header first.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
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
                    rows.Add([.. cells]);
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
            rows.Add([.. cells]);
        }

        return rows;
    }
}
