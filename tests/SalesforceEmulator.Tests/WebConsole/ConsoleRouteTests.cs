using System.Net;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.WebConsole;

/// <summary>The console's pages over plain HTTP: routes, headers, encoding of untrusted values, and what it leaves alone.</summary>
public sealed class ConsoleRouteTests : EmulatorFixture
{
    private static readonly string[] Pages =
        ["/__emulator/ui/", "/__emulator/ui/jobs", "/__emulator/ui/objects", "/__emulator/ui/objects/Account", "/__emulator/ui/activity"];

    [SetUp]
    public void ForgetFaultsAndCounts()
    {
        Host.Faults.Clear();
        Host.Stats.Reset();
    }

    [Test]
    public async Task The_root_leads_to_the_console()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = Host.BaseUrl };

        using var response = await browser.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/__emulator/ui/"));
        Assert.That(Host.ConsoleUrl, Is.EqualTo(new Uri(Host.BaseUrl, "/__emulator/ui/")));
    }

    [Test]
    public async Task Every_page_is_html_under_a_policy_that_allows_no_script()
    {
        var job = await RunJobAsync("Account", "insert", "Name\nAcme\n");
        var record = (await QueryAsync("SELECT Id FROM Account WHERE Name = 'Acme'"))[0]["Id"].GetString();

        foreach (var path in Pages.Concat([$"/__emulator/ui/jobs/{job.Id}", $"/__emulator/ui/objects/Account/{record}"]))
        {
            using var response = await Anonymous().GetAsync(Absolute(path));
            var html = await response.Content.ReadAsStringAsync();

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"), path);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.That(policy, Does.StartWith("default-src 'none';").And.Not.Contains("script-src").And.Not.Contains("unsafe"), path);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), path);
            Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Not.Contains("<script"), path);
        }
    }

    [Test]
    public async Task The_stylesheet_and_icon_are_served_by_the_emulator_itself()
    {
        using var css = await Anonymous().GetAsync(Absolute("/__emulator/ui/console.css"));
        using var icon = await Anonymous().GetAsync(Absolute("/__emulator/ui/favicon.svg"));
        using var page = await Anonymous().GetAsync(Absolute("/__emulator/ui/"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
        Assert.That(await css.Content.ReadAsStringAsync(), Does.Contain("table"));
        Assert.That(icon.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contains("https://"), "no external asset");
    }

    [Test]
    public async Task Record_values_are_encoded_as_text()
    {
        await RunJobAsync("Account", "insert", "Name,Description\n\"<script>alert(1)</script>\",\"a \"\"quote\"\" & <b>bold</b>\"\n");

        var html = await PageAsync("/__emulator/ui/objects/Account?columns=Name,Description");

        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("a &quot;quote&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"));
        Assert.That(html, Does.Not.Contain("<script>").And.Not.Contains("<b>"));
    }

    [Test]
    public async Task The_creating_clients_user_agent_is_encoded_on_the_jobs_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{V}/jobs/ingest") { Content = Json("""{"object":"Account","operation":"insert"}""") };
        request.Headers.TryAddWithoutValidation("User-Agent", "evil/1.0 <img src=x onerror=alert(1)>");
        using (var created = await Client.SendAsync(request))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var html = await PageAsync("/__emulator/ui/");

        Assert.That(html, Does.Contain("evil/1.0 &lt;img src=x onerror=alert(1)&gt;"));
        Assert.That(html, Does.Not.Contain("<img"));
    }

    [Test]
    public async Task A_fault_rules_text_is_encoded_on_the_activity_page()
    {
        using (var rules = Json("""[{"kind": "failJob", "object": "Contact", "message": "<script>alert(1)</script>"}]"""))
        using (var installed = await Client.PostAsync(Absolute("/__emulator/faults"), rules))
            Assert.That(installed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var html = await PageAsync("/__emulator/ui/activity");

        Assert.That(html, Does.Contain("failJob"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Not.Contain("<script>"));
    }

    [Test]
    public async Task Console_requests_are_neither_faulted_nor_counted()
    {
        Host.Faults.Replace(FaultPlanReader.Read("""[{"kind": "httpError", "status": 503}]""", "test"));

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        var statuses = new List<HttpStatusCode>();
        foreach (var path in Pages.Prepend("/"))
        {
            using var response = await browser.GetAsync(Absolute(path));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Redirect }.Concat(Enumerable.Repeat(HttpStatusCode.OK, Pages.Length))));
        Assert.That(Host.Stats.TotalRequests, Is.Zero, "the console is not client traffic");
        Assert.That(Host.Faults.Active[0].Matches, Is.Zero);
    }

    [Test]
    public async Task The_activity_page_shows_calls_by_route_and_the_api_allowance_used()
    {
        await RunJobAsync("Account", "insert", "Name\nAcme\n");

        var text = await PageAsync("/__emulator/ui/activity");

        Assert.That(text, Does.Contain("PUT /services/data/{version}/jobs/ingest/{jobId}/batches"));
        Assert.That(text, Does.Contain("DailyApiRequests"));
        Assert.That(text, Does.Contain("DailyBulkApiBatches"));
        Assert.That(text, Does.Contain($">{Host.Stats.TotalRequests} requests"));
    }

    [Test]
    public async Task Records_are_listed_newest_first_and_paged()
    {
        await RunJobAsync("Account", "insert", "Name,AccountNumber\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"Acme {i},N-{i:00}\n")));

        var first = await PageAsync("/__emulator/ui/objects/Account?columns=AccountNumber");
        var second = await PageAsync("/__emulator/ui/objects/Account?columns=AccountNumber&page=2");

        var firstNumbers = AccountNumbers(first);
        Assert.That(firstNumbers, Has.Count.EqualTo(50));
        Assert.That(firstNumbers[0], Is.EqualTo("N-60"));
        Assert.That(firstNumbers[^1], Is.EqualTo("N-11"));
        Assert.That(AccountNumbers(second), Is.EqualTo(Enumerable.Range(1, 10).Reverse().Select(i => $"N-{i:00}")));
        Assert.That(first, Does.Contain("page 1 of 2"));
        Assert.That(first, Does.Contain("href=\"/__emulator/ui/objects/Account?columns=AccountNumber&amp;page=2\""));
    }

    [Test]
    public async Task Columns_are_chosen_by_the_query_and_unknown_ones_are_named()
    {
        await RunJobAsync("Account", "insert", "Name,AccountNumber,Phone\nAcme,N-1,555\n");

        var chosen = await PageAsync("/__emulator/ui/objects/Account?columns=Phone&columns=name");
        using var unknown = await Anonymous().GetAsync(Absolute("/__emulator/ui/objects/Account?columns=Name,<Nope>"));
        var unknownHtml = await unknown.Content.ReadAsStringAsync();

        Assert.That(chosen, Does.Contain("<thead><tr><th scope=\"col\">Phone</th><th scope=\"col\">Name</th></tr></thead>"));
        Assert.That(chosen, Does.Contain("<td class=\"value\">555</td><td class=\"value\">Acme</td>"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownHtml, Does.Contain("Account has no field &#x27;&lt;Nope&gt;&#x27;"));
    }

    [Test]
    public async Task The_object_page_shows_the_describe_with_external_ids_and_relationships()
    {
        var html = await PageAsync("/__emulator/ui/objects/Contact");

        Assert.That(html, Does.Contain("<td class=\"id\">External_Id__c</td>"));
        Assert.That(html, Does.Contain("AccountId (relationship Account) looks up <a href=\"/__emulator/ui/objects/Account\">Account</a>"));
        var account = await PageAsync("/__emulator/ui/objects/Account");
        Assert.That(account, Does.Contain("<a href=\"/__emulator/ui/objects/Contact\">Contact</a>.AccountId looks up Account."));
    }

    [Test]
    public async Task The_result_files_download_as_the_api_serves_them_once_the_job_ended()
    {
        var job = await RunJobAsync("Account", "insert", "Name,AccountNumber\nAcme,1\n,2\n");

        using var download = await Anonymous().GetAsync(Absolute($"/__emulator/ui/jobs/{job.Id}/failedResults"));
        var viaApi = await ResultsAsync(job.Id, "failedResults");

        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(download.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"{job.Id}-failedResults.csv"));
        Assert.That(await download.Content.ReadAsStringAsync(), Is.EqualTo(viaApi));
    }

    [Test]
    public async Task Result_files_of_a_job_still_open_are_not_ready()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var response = await Anonymous().GetAsync(Absolute($"/__emulator/ui/jobs/{id}/successfulResults"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"Job {id} is Open"));
    }

    [TestCase("/__emulator/ui/jobs/750000000000001AAA", HttpStatusCode.NotFound, "This emulator has no job 750000000000001AAA")]
    [TestCase("/__emulator/ui/objects/Nope__c", HttpStatusCode.NotFound, "This org has no object Nope__c")]
    [TestCase("/__emulator/ui/objects/Account/001000000000009AAA", HttpStatusCode.NotFound, "Account has no record 001000000000009AAA")]
    [TestCase("/__emulator/ui/objects/Account?page=0", HttpStatusCode.BadRequest, "page=0: expected a whole number from 1 on")]
    [TestCase("/__emulator/ui/objects/Account?page=two", HttpStatusCode.BadRequest, "page=two: expected a whole number from 1 on")]
    [TestCase("/__emulator/ui/nowhere", HttpStatusCode.NotFound, "The console has no page /__emulator/ui/nowhere")]
    public async Task What_is_not_there_gets_a_page_saying_so(string path, HttpStatusCode status, string message)
    {
        using var response = await Anonymous().GetAsync(Absolute(path));

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(message));
    }

    [Test]
    public async Task A_record_page_shows_every_field_and_links_its_lookups()
    {
        await RunJobAsync("Account", "insert", "Name,External_Id__c\nAcme,ACME-1\n");
        await RunJobAsync("Contact", "insert", "LastName,Account.External_Id__c\nDoe,ACME-1\n");
        var contact = (await QueryAsync("SELECT Id, AccountId FROM Contact WHERE LastName = 'Doe'"))[0];

        var html = await PageAsync($"/__emulator/ui/objects/Contact/{contact["Id"].GetString()}");

        Assert.That(html, Does.Contain("<td class=\"id\">HasOptedOutOfEmail</td><td class=\"muted\">boolean</td><td class=\"value\">false</td>"));
        var account = contact["AccountId"].GetString();
        Assert.That(html, Does.Contain($"<a href=\"/__emulator/ui/objects/Account/{account}\">{account}</a>"));
    }

    /// <summary>A browser holds no session: the console must not need one.</summary>
    private HttpClient Anonymous() => anonymous ??= new HttpClient();

    private HttpClient? anonymous;

    [OneTimeTearDown]
    public void DisposeAnonymous() => anonymous?.Dispose();

    private async Task<string> PageAsync(string path)
    {
        using var response = await Anonymous().GetAsync(Absolute(path));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return html;
    }

    private static List<string> AccountNumbers(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<td class=\"value\">(N-\\d+)</td>").Select(m => m.Groups[1].Value).ToList();
}
