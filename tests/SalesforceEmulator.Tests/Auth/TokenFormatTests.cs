using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>The token endpoint's `format` parameter and Accept header: json, urlencoded, xml.</summary>
public sealed class TokenFormatTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    private async Task<HttpResponseMessage> RefreshAsync(string? format, string? accept = null, string secret = "emulator-secret")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"), new("client_id", "emulator-client"), new("client_secret", secret), new("refresh_token", "emulator-refresh-token"),
        };
        if (format is not null)
        {
            fields.Add(new("format", format));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/token");
        request.Content = new FormUrlEncodedContent(fields);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await emulator.Http.SendAsync(request);
    }

    [Test]
    public async Task Urlencoded_answers_the_fields_as_a_form_in_the_json_order()
    {
        using var response = await RefreshAsync("urlencoded");
        var fields = QueryHelpers.ParseQuery(await response.Content.ReadAsStringAsync());

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(fields.Keys, Is.EqualTo(new[] { "access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at" }));
        Assert.That(emulator.Host.Tokens.Find(fields["access_token"].ToString()), Is.Not.Null, "the token survives the encoding");
    }

    [Test]
    public async Task Xml_answers_an_oauth_element_with_one_child_per_field()
    {
        using var response = await RefreshAsync("xml");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        Assert.That(document.Root!.Name.LocalName, Is.EqualTo("OAuth"));
        Assert.That(document.Root.Elements().Select(e => e.Name.LocalName), Does.Contain("access_token").And.Contain("instance_url"));
    }

    [Test]
    public async Task Errors_follow_the_format_too()
    {
        using var response = await RefreshAsync("xml", secret: "wrong");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(document.Root!.Element("error")?.Value, Is.EqualTo("invalid_client"));
        Assert.That(document.Root.Element("error_description")?.Value, Is.EqualTo("invalid client credentials"));
    }

    [TestCase("application/xml", "application/xml")]
    [TestCase("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]
    [TestCase("*/*", "application/json")]
    public async Task Without_format_the_accept_header_chooses(string accept, string expected)
    {
        using var response = await RefreshAsync(null, accept);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(expected));
    }

    [Test]
    public async Task The_format_parameter_wins_over_the_accept_header()
    {
        using var response = await RefreshAsync("json", "application/xml");

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }
}
