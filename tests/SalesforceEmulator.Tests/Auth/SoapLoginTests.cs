using System.Net;
using System.Text;
using System.Xml.Linq;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

public sealed class SoapLoginTests
{
    // simple-salesforce's envelope: prefixed elements, CallOptions header.
    private const string SimpleSalesforceEnvelope = """
        <?xml version="1.0" encoding="utf-8" ?>
        <env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"
                xmlns:urn="urn:partner.soap.sforce.com">
            <env:Header>
                <urn:CallOptions>
                    <urn:client>simple-salesforce</urn:client>
                    <urn:defaultNamespace>sf</urn:defaultNamespace>
                </urn:CallOptions>
            </env:Header>
            <env:Body>
                <n1:login xmlns:n1="urn:partner.soap.sforce.com">
                    <n1:username>{0}</n1:username>
                    <n1:password>{1}</n1:password>
                </n1:login>
            </env:Body>
        </env:Envelope>
        """;

    // jsforce's minimal envelope: default namespace on login, empty header.
    private const string JsforceEnvelope =
        "<se:Envelope xmlns:se=\"http://schemas.xmlsoap.org/soap/envelope/\"><se:Header/><se:Body>"
        + "<login xmlns=\"urn:partner.soap.sforce.com\"><username>{0}</username><password>{1}</password></login>"
        + "</se:Body></se:Envelope>";

    private static readonly XNamespace Partner = "urn:partner.soap.sforce.com";
    private static readonly XNamespace Fault = "urn:fault.partner.soap.sforce.com";

    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(3600));

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [TestCase(SimpleSalesforceEnvelope, "login")]
    [TestCase(JsforceEnvelope, "\"\"")]
    public async Task BothEnvelopesLogIn(string envelope, string soapAction)
    {
        using var response = await Login("60.0", envelope, "admin@emulator.local", "passwordtoken", soapAction);
        var result = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(Partner + "result").Single();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result.Element(Partner + "serverUrl")?.Value, Is.EqualTo($"{emulator.BaseUrl}/services/Soap/u/60.0/00D000000000001EAA"));
        Assert.That(result.Element(Partner + "userId")?.Value, Is.EqualTo("005000000000001AAA"));
        Assert.That(result.Element(Partner + "passwordExpired")?.Value, Is.EqualTo("false"));
        var userInfo = result.Element(Partner + "userInfo")!;
        Assert.That(userInfo.Element(Partner + "organizationId")?.Value, Is.EqualTo("00D000000000001EAA"));
        Assert.That(userInfo.Element(Partner + "sessionSecondsValid")?.Value, Is.EqualTo("3600"));
        Assert.That(userInfo.Element(Partner + "userName")?.Value, Is.EqualTo("admin@emulator.local"));
    }

    [Test]
    public async Task SessionIdWorksAsBearerToken()
    {
        using var login = await Login("64.0", JsforceEnvelope, "admin@emulator.local", "passwordtoken");
        var sessionId = XDocument.Parse(await login.Content.ReadAsStringAsync()).Descendants(Partner + "sessionId").Single().Value;

        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", sessionId);

        Assert.That(sessionId, Does.StartWith("00D000000000001!"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("admin@emulator.local", "password", TestName = "PasswordWithoutSecurityTokenIsInvalidLogin")]
    [TestCase("admin@emulator.local", "wrongtoken", TestName = "WrongPasswordIsInvalidLogin")]
    [TestCase("someone@else.com", "passwordtoken", TestName = "UnknownUserIsInvalidLogin")]
    public async Task BadCredentialsGetTheInvalidLoginFault(string username, string password)
    {
        using var response = await Login("60.0", SimpleSalesforceEnvelope, username, password);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(document.Descendants("faultcode").Single().Value, Is.EqualTo("sf:INVALID_LOGIN"));
        Assert.That(document.Descendants("faultstring").Single().Value,
            Is.EqualTo("INVALID_LOGIN: Invalid username, password, security token; or user locked out."));
        Assert.That(document.Descendants(Fault + "exceptionCode").Single().Value, Is.EqualTo("INVALID_LOGIN"));
        Assert.That(document.Descendants(Fault + "exceptionMessage").Single().Value,
            Is.EqualTo("Invalid username, password, security token; or user locked out."));
    }

    [TestCase("65.0")]
    [TestCase("66.0")]
    public async Task LoginIsRetiredFrom65(string version)
    {
        using var response = await Login(version, JsforceEnvelope, "admin@emulator.local", "passwordtoken");
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(document.Descendants(Fault + "exceptionMessage").Single().Value,
            Is.EqualTo("SOAP API login() is not available in API version 65.0 onwards"));
    }

    [Test]
    public async Task MalformedEnvelopeIsAClientFault()
    {
        using var body = new StringContent("<not-closed", Encoding.UTF8, "text/xml");
        using var response = await emulator.Http.PostAsync("/services/Soap/u/60.0", body);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(document.Descendants("faultcode").Single().Value, Is.EqualTo("soapenv:Client"));
    }

    [Test]
    public async Task XmlSpecialCharactersInCredentialsAreUnescaped()
    {
        emulator.Host.Credentials.AddUser(new SalesforceEmulator.Auth.OrgUser(
            "005000000000002AAA", "o'neil@emulator.local", "p<&>w", "t", "O", "Neil", "o'neil@emulator.local"));

        using var response = await Login("60.0", JsforceEnvelope, "o&apos;neil@emulator.local", "p&lt;&amp;&gt;wt");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpResponseMessage> Login(string version, string envelope, string username, string password, string soapAction = "login")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/services/Soap/u/{version}");
        request.Content = new StringContent(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, envelope, username, password).Trim(), Encoding.UTF8, "text/xml");
        request.Headers.Add("SOAPAction", soapAction);
        return await emulator.Http.SendAsync(request);
    }
}
