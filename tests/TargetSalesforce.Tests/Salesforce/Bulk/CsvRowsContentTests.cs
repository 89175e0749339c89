using System.Text;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Tests.Salesforce.Bulk;

public class CsvRowsContentTests
{
    [Test]
    public async Task The_body_keeps_the_batch_order_when_rows_are_not_in_arena_order()
    {
        // A deduped batch puts a later row where its key first appeared, so its bytes sit elsewhere in the array.
        var arena = new RowArena();
        var a = arena.Add(Encoding.UTF8.GetBytes("a,1\n"));
        var b = arena.Add(Encoding.UTF8.GetBytes("b,2\n"));
        var c = arena.Add(Encoding.UTF8.GetBytes("c,3\n"));
        var d = arena.Add(Encoding.UTF8.GetBytes("d,\"x\u00e9\"\n"));
        using var content = new CsvRowsContent(Encoding.UTF8.GetBytes("K,V\n"), [b, c, a, d]);

        var body = await content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo("K,V\nb,2\nc,3\na,1\nd,\"x\u00e9\"\n"));
            Assert.That(content.Headers.ContentLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
        });
    }

    [Test]
    public void Rows_longer_than_an_arena_chunk_are_kept_whole()
    {
        var arena = new RowArena();
        var first = arena.Add(Encoding.UTF8.GetBytes("first\n"));
        var huge = new string('x', 3 << 20) + "\n";
        var big = arena.Add(Encoding.UTF8.GetBytes(huge));
        var after = arena.Add(Encoding.UTF8.GetBytes("after\n"));

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(first.Span), Is.EqualTo("first\n"));
            Assert.That(Encoding.UTF8.GetString(big.Span), Is.EqualTo(huge));
            Assert.That(Encoding.UTF8.GetString(after.Span), Is.EqualTo("after\n"));
        });
    }
}
