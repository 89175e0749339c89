using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>Result files are gzip-compressed when the request accepts gzip, as Salesforce compresses Bulk API 2.0 responses.</summary>
public sealed class ResultsCompressionTests : EmulatorFixture
{
    [Test]
    public async Task Results_are_gzipped_when_asked_and_plain_otherwise()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nA\nB\n");
        var plain = await ResultsAsync(run.Id, "successfulResults");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V}/jobs/ingest/{run.Id}/successfulResults");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        using var response = await Client.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(compressed[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }), "the gzip magic number");
        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo(plain));
        Assert.That(plain, Does.StartWith("\"sf__Id\",\"sf__Created\",Name\n"));
    }
}
