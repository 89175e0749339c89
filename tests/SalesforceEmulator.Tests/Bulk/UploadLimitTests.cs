using System.Net;
using System.Text;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>An upload is capped as Salesforce caps it: by its size once base64-encoded (150 MB by default).</summary>
public sealed class UploadLimitTests : EmulatorFixture
{
    // 1,200 base64 bytes: 900 bytes of CSV fit exactly, 901 do not.
    private const long Limit = 1200;

    protected override EmulatorOptions CreateOptions() => new() { MaxUploadBase64Bytes = Limit };

    private static string CsvOfBytes(int bytes)
    {
        var csv = new StringBuilder("Name\n");
        while (csv.Length < bytes - 1)
            csv.Append('x');
        csv.Append('\n');
        Assert.That(Encoding.UTF8.GetByteCount(csv.ToString()), Is.EqualTo(bytes));
        return csv.ToString();
    }

    [Test]
    public async Task An_upload_whose_base64_form_fits_is_taken()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var upload = await UploadAsync(id, CsvOfBytes(900));

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(JobStore.Base64Length(900), Is.EqualTo(Limit));
    }

    [Test]
    public async Task An_upload_over_the_limit_is_refused_and_the_job_stays_open_for_a_smaller_one()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var refused = await UploadAsync(id, CsvOfBytes(901));
        var error = await ReadJson(refused);
        using var retried = await UploadAsync(id, "Name\nsmall\n");
        using (var close = await PatchStateAsync(id, "UploadComplete"))
            Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForEndAsync(id);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error[0].GetProperty("errorCode").GetString(), Is.EqualTo("CLIENTINPUTERROR"));
        Assert.That(error[0].GetProperty("message").GetString(), Does.Contain("Exceeded max size limit of 1200"));
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await GetJson($"{V}/jobs/ingest/{id}")).GetProperty("numberRecordsProcessed").GetInt32(), Is.EqualTo(1));
    }

    [TestCase(0, 0)]
    [TestCase(1, 4)]
    [TestCase(3, 4)]
    [TestCase(4, 8)]
    [TestCase(100_000_000, 133_333_336)]
    public void Base64_counts_four_bytes_for_every_three_padded(long bytes, long encoded)
    {
        Assert.That(JobStore.Base64Length(bytes), Is.EqualTo(encoded));
    }
}

/// <summary>150 MB (base64) is the default: 100 MB of CSV fits, as Salesforce's guide says.</summary>
public sealed class DefaultUploadLimitTests
{
    [Test]
    public void The_default_takes_100_MB_of_csv_and_not_113()
    {
        var options = new EmulatorOptions();

        Assert.That(JobStore.Base64Length(100_000_000), Is.LessThanOrEqualTo(options.MaxUploadBase64Bytes));
        Assert.That(JobStore.Base64Length(113_000_000), Is.GreaterThan(options.MaxUploadBase64Bytes));
    }
}
