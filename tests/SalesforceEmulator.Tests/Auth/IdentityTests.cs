using System.Net;
using System.Net.Http.Headers;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>The resources of a version (which jsforce's identity() reads) and the identity URL it leads to.</summary>
public sealed class IdentityTests : EmulatorFixture
{
    private const string OrgId = "00D000000000001EAA";
    private const string UserId = "005000000000001AAA";

    [TestCase("/services/data/v60.0/")]
    [TestCase("/services/data/v60.0")]
    public async Task A_version_lists_its_resources_and_the_sessions_identity_url(string path)
    {
        var resources = await GetJson(path);

        Assert.That(resources.GetProperty("sobjects").GetString(), Is.EqualTo("/services/data/v60.0/sobjects"));
        Assert.That(resources.GetProperty("queryAll").GetString(), Is.EqualTo("/services/data/v60.0/queryAll"));
        Assert.That(resources.GetProperty("composite").GetString(), Is.EqualTo("/services/data/v60.0/composite"));
        Assert.That(resources.GetProperty("identity").GetString(), Is.EqualTo($"{Host.BaseUrl.ToString().TrimEnd('/')}/id/{OrgId}/{UserId}"));
    }

    [Test]
    public async Task The_identity_url_answers_the_identity_shape_with_version_placeholders()
    {
        var identity = await GetJson($"/id/{OrgId}/{UserId}");
        var urls = identity.GetProperty("urls");

        Assert.That(identity.GetProperty("id").GetString(), Does.EndWith($"/id/{OrgId}/{UserId}"));
        Assert.That(identity.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
        Assert.That(identity.GetProperty("organization_id").GetString(), Is.EqualTo(OrgId));
        Assert.That(identity.GetProperty("username").GetString(), Is.EqualTo("admin@emulator.local"));
        Assert.That(identity.GetProperty("display_name").GetString(), Is.EqualTo("Emulator Admin"));
        Assert.That(identity.GetProperty("asserted_user").GetBoolean(), Is.True);
        Assert.That(identity.TryGetProperty("preferred_username", out _), Is.False, "the userinfo shape is not the identity shape");
        Assert.That(urls.GetProperty("rest").GetString(), Does.EndWith("/services/data/v{version}/"));
        Assert.That(urls.GetProperty("partner").GetString(), Does.EndWith("/services/Soap/u/{version}/00D000000000001"));
    }

    [TestCase("60.0", "/services/data/v60.0/")]
    [TestCase("latest", "/services/data/v68.0/")]
    public async Task The_version_parameter_fills_the_urls(string version, string rest)
    {
        var identity = await GetJson($"/id/{OrgId}/{UserId}?version={version}");

        Assert.That(identity.GetProperty("urls").GetProperty("rest").GetString(), Does.EndWith(rest));
    }

    [Test]
    public async Task A_15_character_id_finds_the_user_too()
    {
        var identity = await GetJson($"/id/{OrgId[..15]}/{UserId[..15]}");

        Assert.That(identity.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
    }

    [TestCase("00D000000000002EAA", UserId, HttpStatusCode.Forbidden, "Wrong_Org")]
    [TestCase(OrgId, "005000000000099AAA", HttpStatusCode.NotFound, "Bad_Id")]
    [TestCase(OrgId, "nonsense", HttpStatusCode.NotFound, "Bad_Id")]
    public async Task The_ids_in_the_url_are_checked(string orgId, string userId, HttpStatusCode status, string error)
    {
        using var response = await Client.GetAsync($"/id/{orgId}/{userId}");

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(error));
    }

    [Test]
    public async Task An_unknown_version_parameter_is_406()
    {
        using var response = await Client.GetAsync($"/id/{OrgId}/{UserId}?version=99.0");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
    }

    [Test]
    public async Task The_token_may_come_as_the_oauth_token_parameter()
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseUrl };
        var token = Host.Tokens.IssueAccessToken();

        using var withParameter = await anonymous.GetAsync($"/id/{OrgId}/{UserId}?format=json&oauth_token={Uri.EscapeDataString(token)}");
        using var without = await anonymous.GetAsync($"/id/{OrgId}/{UserId}");

        Assert.That(withParameter.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Userinfo_keeps_the_openid_shape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/services/oauth2/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.Tokens.IssueAccessToken());
        using var response = await Client.SendAsync(request);
        var userinfo = await ReadJson(response);

        Assert.That(userinfo.GetProperty("preferred_username").GetString(), Is.EqualTo("admin@emulator.local"));
    }
}
