using System.Text;
using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Tests.Salesforce.Csv;

public class CsvTableTests
{
    private static CsvTable Parse(string text) => CsvTable.Parse(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Reads_quoted_headers_quoted_values_doubled_quotes_and_embedded_newlines()
    {
        var table = Parse("\"sf__Id\",\"sf__Error\",Name,Description\n\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --\",\"Smith, \"\"Jo\"\"\",\"line1\nline2\r\nline3\"\n");

        Assert.That(table.Header, Is.EqualTo(new[] { "sf__Id", "sf__Error", "Name", "Description" }));
        Assert.That(table.Rows, Has.Count.EqualTo(1));
        Assert.That(table.Rows[0], Is.EqualTo(new[] { "", "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --", "Smith, \"Jo\"", "line1\nline2\r\nline3" }));
    }

    [Test]
    public void A_header_only_file_has_no_rows()
    {
        var table = Parse("\"sf__Id\",\"sf__Error\",Id,Phone\n");

        Assert.That(table.Header, Has.Count.EqualTo(4));
        Assert.That(table.Rows, Is.Empty);
    }

    [TestCase("")]
    public void An_empty_body_is_an_empty_table(string body)
    {
        var table = Parse(body);

        Assert.That(table.Header, Is.Empty);
        Assert.That(table.Rows, Is.Empty);
        Assert.That(table.ColumnIndex("sf__Error"), Is.EqualTo(-1));
    }

    [Test]
    public void Crlf_rows_a_last_row_without_newline_and_empty_cells_are_read()
    {
        var table = Parse("A,B,C\r\n1,,3\r\n,,\r\nx,\"\",z");

        Assert.That(table.Rows, Is.EqualTo(new[] { new[] { "1", "", "3" }, new[] { "", "", "" }, new[] { "x", "", "z" } }));
    }

    [Test]
    public void Nul_bytes_and_a_bom_are_ignored()
    {
        var table = Parse("\uFEFFA,B\n1\0,2\n");

        Assert.That(table.Header[0], Is.EqualTo("A"));
        Assert.That(table.Rows[0], Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void A_body_cut_inside_quotes_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => Parse("A,B\n\"1,2\n"));
        Assert.That(error!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void A_row_of_the_wrong_width_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => Parse("A,B\n1,2,3\n"));
        Assert.That(error!.Message, Does.Contain("row 2"));
    }
}
