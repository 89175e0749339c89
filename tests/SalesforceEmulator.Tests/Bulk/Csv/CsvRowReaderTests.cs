using System.Text;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Csv;

namespace SalesforceEmulator.Tests.Bulk.Csv;

public sealed class CsvRowReaderTests
{
    private static readonly CsvDialect CommaLf = new("COMMA", "LF");

    private static List<(string[] Fields, bool[] Quoted)> ReadAll(string csv, CsvDialect? dialect = null) => ReadAll(Encoding.UTF8.GetBytes(csv), dialect);

    private static List<(string[] Fields, bool[] Quoted)> ReadAll(byte[] csv, CsvDialect? dialect = null)
    {
        using var reader = new CsvRowReader(new MemoryStream(csv), dialect ?? CommaLf);
        var row = new CsvRow();
        var rows = new List<(string[], bool[])>();
        while (reader.ReadRow(row))
            rows.Add((row.ToStringArray(), row.QuotedFlags()));
        return rows;
    }

    [Test]
    public void Quoted_fields_unescape_doubled_quotes_and_keep_delimiters_and_line_breaks()
    {
        var rows = ReadAll("a,\"b,\"\"c\"\"\nd\",e\n");

        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "a", "b,\"c\"\nd", "e" }));
        Assert.That(rows[0].Quoted, Is.EqualTo(new[] { false, true, false }));
    }

    [Test]
    public void Empty_cells_quoted_or_not_and_a_trailing_delimiter_give_empty_fields()
    {
        var rows = ReadAll("a,,\"\",\nx,y,z,w");

        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "a", "", "", "" }));
        Assert.That(rows[0].Quoted, Is.EqualTo(new[] { false, false, true, false }));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "x", "y", "z", "w" }), "the last row needs no line ending");
    }

    [Test]
    public void Blank_lines_are_skipped_and_rows_differ_in_width_as_uploaded()
    {
        var rows = ReadAll("\n\na,b\n\nc\n");

        Assert.That(rows.Select(r => string.Join("|", r.Fields)), Is.EqualTo(new[] { "a|b", "c" }));
    }

    [Test]
    public void Crlf_rows_end_at_crlf_and_a_bare_lf_inside_quotes_is_data()
    {
        var rows = ReadAll("a,\"x\ny\"\r\nb,\"p\r\nq\"\r\n", new CsvDialect("COMMA", "CRLF"));

        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "a", "x\ny" }));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "b", "p\r\nq" }));
    }

    [TestCase("a,b\r\n", "LF", "Current LineEnding setting is LF")]
    [TestCase("a,b\n", "CRLF", "Current LineEnding setting is CRLF")]
    [TestCase("a,b\rc", "CRLF", "Current LineEnding setting is CRLF")]
    public void A_line_ending_other_than_the_jobs_is_refused(string csv, string lineEnding, string expected)
    {
        var refused = Assert.Throws<UploadRejectedException>(() => ReadAll(csv, new CsvDialect("COMMA", lineEnding)));

        Assert.That(refused!.Message, Does.Contain(expected));
    }

    [TestCase("a,b\"c\n", "Found unescaped quote")]
    [TestCase("a,\"b\"c\n", "Found unescaped quote")]
    [TestCase("a,\"bc\n", "EOF reached before closing quote")]
    public void Broken_quoting_is_refused(string csv, string expected)
    {
        var refused = Assert.Throws<UploadRejectedException>(() => ReadAll(csv));

        Assert.That(refused!.Message, Does.Contain(expected));
    }

    [Test]
    public void A_bom_is_kept_as_part_of_a_bare_first_name()
    {
        var rows = ReadAll([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Name,Id\n")]);

        Assert.That(rows[0].Fields[0], Is.EqualTo("\uFEFFName"));
    }

    [Test]
    public void A_bom_before_a_quoted_first_name_makes_its_quote_unescaped()
    {
        Assert.Throws<UploadRejectedException>(() => ReadAll([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\"Name\",Id\n")]));
    }

    [Test]
    public void Fields_longer_than_the_read_buffer_come_back_whole()
    {
        // 200,000 characters cross several 64 KiB reads, bare and quoted (with an escaped quote across the seams too).
        var bare = new string('b', 200_000);
        var quoted = string.Concat(Enumerable.Repeat("q\"\"", 70_000));
        var rows = ReadAll($"{bare},\"{quoted}\",é\n{bare}\n");

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Fields[0], Is.EqualTo(bare));
        Assert.That(rows[0].Fields[1], Is.EqualTo(quoted.Replace("\"\"", "\"", StringComparison.Ordinal)));
        Assert.That(rows[0].Fields[2], Is.EqualTo("é"));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { bare }));
    }

    [Test]
    public void A_reused_row_holds_only_the_last_rows_fields()
    {
        using var reader = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes("long value,second,third\nx\n")), CommaLf);
        var row = new CsvRow();

        reader.ReadRow(row);
        reader.ReadRow(row);

        Assert.That(row.Count, Is.EqualTo(1));
        Assert.That(row[0].ToString(), Is.EqualTo("x"));
        Assert.That(reader.ReadRow(row), Is.False);
    }

    [Test]
    public void The_job_delimiter_splits_and_commas_are_data()
    {
        var rows = ReadAll("a|b,c|\"d|e\"\n", new CsvDialect("PIPE", "LF"));

        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "a", "b,c", "d|e" }));
    }
}
