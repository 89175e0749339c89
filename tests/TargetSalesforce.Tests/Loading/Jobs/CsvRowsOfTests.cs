using System.Text;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Jobs;

namespace TargetSalesforce.Tests.Loading.Jobs;

public class CsvRowsOfTests
{
    [Test]
    public void Reads_each_buffered_rows_csv_in_order_by_index_and_by_enumeration()
    {
        var rows = new[] { "a,1\n", "b,2\n", "c,3\n" }
            .Select((csv, i) => new BufferedRow(Encoding.UTF8.GetBytes(csv), $"k{i}", i + 1, 0, null))
            .ToArray();

        var csvRows = new CsvRowsOf(rows);

        Assert.Multiple(() =>
        {
            Assert.That(csvRows, Has.Count.EqualTo(3));
            Assert.That(Encoding.UTF8.GetString(csvRows[1].Span), Is.EqualTo("b,2\n"));
            Assert.That(csvRows.Select(r => Encoding.UTF8.GetString(r.Span)), Is.EqualTo(new[] { "a,1\n", "b,2\n", "c,3\n" }));
        });
    }
}
