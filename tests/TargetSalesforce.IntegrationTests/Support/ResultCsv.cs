namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>A Bulk result file read back by the tests with their own reader (<see cref="CsvText"/>): its header and rows.</summary>
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
        var rows = CsvText.Parse(text);
        return rows.Count == 0 ? new ResultCsv([], []) : new ResultCsv(rows[0], rows.GetRange(1, rows.Count - 1));
    }
}
