using System.Net;
using System.Text.RegularExpressions;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.WebConsole;

/// <summary>
/// The console as a browser shows it after a load with a failed row and a record holding markup: real chromium,
/// headless, reading the pages the emulator serves.
/// </summary>
public sealed partial class ConsoleBrowserTests : EmulatorFixture
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string TitleScript = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

    [OneTimeSetUp]
    public void NameTheClient()
    {
        HeadlessChromium.Require();
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("console-test/1.0");
    }

    /// <summary>Three rows: two accepted (one holding markup), one without the required Name.</summary>
    private Task<JobRun> LoadAsync() => RunJobAsync("Account", "insert",
        "Name,AccountNumber,Description\n"
        + "Browser Acme,AC-1,plain\n"
        + $"\"{ScriptName}\",AC-2,\"{TitleScript.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n"
        + ",AC-3,no name\n");

    [Test]
    public async Task The_jobs_page_shows_the_job_with_its_counts_and_client()
    {
        var job = await LoadAsync();

        var dom = await HeadlessChromium.DumpDomAsync(Page("/"));

        var cells = RowCells(dom, job.Id);
        Assert.That(cells, Has.Count.EqualTo(10), dom);
        Assert.That(cells[0], Is.EqualTo(job.Id));
        Assert.That(cells[1], Is.EqualTo("Account"));
        Assert.That(cells[2], Is.EqualTo("insert"));
        Assert.That(cells[3], Is.EqualTo("JobComplete"));
        Assert.That(cells[4], Is.EqualTo("3"), "processed");
        Assert.That(cells[5], Is.EqualTo("1"), "failed");
        Assert.That(cells[9], Is.EqualTo("console-test/1.0"));
    }

    [Test]
    public async Task The_job_page_shows_the_failed_row_with_Salesforces_error_text()
    {
        var job = await LoadAsync();

        var dom = await HeadlessChromium.DumpDomAsync(Page($"/__emulator/ui/jobs/{job.Id}"));

        Assert.That(Text(dom), Does.Contain("Failed rows (1)"));
        Assert.That(Text(dom), Does.Contain("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]"));
        Assert.That(Text(dom), Does.Contain("AC-3"), "the failed row's values");
        Assert.That(dom, Does.Contain($"href=\"/__emulator/ui/jobs/{job.Id}/failedResults\""));
    }

    [Test]
    public async Task The_object_page_shows_the_records_values()
    {
        await LoadAsync();

        var dom = await HeadlessChromium.DumpDomAsync(Page("/__emulator/ui/objects/Account?columns=Name,AccountNumber"));

        Assert.That(Text(dom), Does.Contain("Browser Acme"));
        Assert.That(Text(dom), Does.Contain("AC-1"));
        Assert.That(Text(dom), Does.Contain("AC-2"));
        Assert.That(Text(dom), Does.Not.Contain("AC-3"), "the failed row was not stored");
    }

    [Test]
    public async Task A_record_holding_markup_renders_as_text_and_runs_no_script()
    {
        await LoadAsync();

        var dom = await HeadlessChromium.DumpDomAsync(Page("/__emulator/ui/objects/Account?columns=Name,Description"));

        Assert.That(Title(dom), Is.EqualTo("Account · Salesforce emulator"), "no script changed the title");
        Assert.That(dom, Does.Not.Contain("<script"), "no script element in the document");
        Assert.That(dom, Does.Not.Contain("<img"), "no element made from a record's value");
        Assert.That(Text(dom), Does.Contain(ScriptName), "the value shows as text");
        Assert.That(Text(dom), Does.Contain(TitleScript));
    }

    private Uri Page(string path) => new(Host.BaseUrl, path);

    /// <summary>The cell texts of the table row with this id.</summary>
    private static List<string> RowCells(string dom, string rowId)
    {
        var row = Regex.Match(dom, $"<tr id=\"{Regex.Escape(rowId)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.That(row.Success, Is.True, $"no row {rowId} in {dom}");
        return CellPattern().Matches(row.Groups[1].Value).Select(m => Text(m.Groups[1].Value)).ToList();
    }

    private static string Title(string dom) => Text(TitlePattern().Match(dom).Groups[1].Value);

    /// <summary>What a reader sees: the markup's text, entities decoded.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, " ")).Replace("  ", " ", StringComparison.Ordinal).Trim();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex TitlePattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
