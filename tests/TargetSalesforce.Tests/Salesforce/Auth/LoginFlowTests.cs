using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce.Auth;

public class LoginFlowTests
{
    private const string SoapFault = """
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body><soapenv:Fault>
           <faultcode>sf:INVALID_LOGIN</faultcode>
           <faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>
           <detail><sf:LoginFault xsi:type="sf:LoginFault">
             <sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>
             <sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage>
           </sf:LoginFault></detail>
         </soapenv:Fault></soapenv:Body></soapenv:Envelope>
        """;

    private static string SoapSuccess(string serverHost) => $"""
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com">
         <soapenv:Body><loginResponse><result>
           <passwordExpired>false</passwordExpired>
           <serverUrl>{serverHost}/services/Soap/u/64.0/00Di0000000icUB</serverUrl>
           <sessionId>00D!SESSION-abc</sessionId>
         </result></loginResponse></soapenv:Body></soapenv:Envelope>
        """;

    private static async Task<string> TestConnection(
        LoginCredentials credentials, MockHttpMessageHandler mock, RecordingSink? sink = null, string apiVersion = "64.0")
    {
        var options = TestOrg.FastOptions with { ApiVersion = apiVersion };
        using var connection = SalesforceConnection.Create(credentials, options, NullLoggerFactory.Instance, TimeProvider.System, sink, mock);
        return await connection.TestConnectionAsync([], CancellationToken.None);
    }

    [Test]
    public async Task Soap_login_caps_the_version_at_64_appends_the_token_and_uses_the_server_host()
    {
        using var mock = new MockHttpMessageHandler();
        string? envelope = null;
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/Soap/u/64.0")
            .With(r => r.Headers.GetValues("SOAPAction").Single() == "login")
            .Respond(r =>
            {
                envelope = r.Content!.ReadAsStringAsync().Result;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(SoapSuccess("https://na9.example.com"), System.Text.Encoding.UTF8, "text/xml") };
            });
        var sink = new RecordingSink();

        var summary = await TestConnection(TestOrg.UserPassword, mock, sink, apiVersion: "66.0");

        Assert.That(summary, Does.Contain("na9.example.com").And.Contain("v66.0"));
        Assert.That(envelope, Does.Contain($"<urn:password>{TestOrg.Password}{TestOrg.SecurityToken}</urn:password>"));
        Assert.That(envelope, Does.Contain("<urn:username>user@example.com</urn:username>"));
        Assert.That(sink.Secrets, Does.Contain("00D!SESSION-abc").And.Contain(TestOrg.Password));
    }

    [Test]
    public void Soap_fault_comes_out_in_salesforce_words_without_secrets()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/Soap/u/*").Respond(HttpStatusCode.InternalServerError, "text/xml", SoapFault);

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => TestConnection(TestOrg.UserPassword, mock));

        Assert.That(error!.Message, Does.Contain("INVALID_LOGIN: Invalid username, password, security token; or user locked out."));
        Assert.That(error.Message, Does.Not.Contain(TestOrg.Password).And.Not.Contain(TestOrg.SecurityToken));
    }

    [Test]
    public void Oauth_error_comes_out_in_salesforce_words_without_secrets()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"error":"invalid_grant","error_description":"expired access/refresh token"}""");

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => TestConnection(TestOrg.OAuth, mock));

        Assert.That(error!.Message, Does.Contain("invalid_grant: expired access/refresh token"));
        Assert.That(error.Message, Does.Not.Contain(TestOrg.RefreshToken).And.Not.Contain(TestOrg.ClientSecret));
    }

    [Test]
    public void Oauth_html_answer_is_named_as_such()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token")
            .Respond(HttpStatusCode.BadRequest, "text/html", "<html><body>Bad gateway</body></html>");

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => TestConnection(TestOrg.OAuth, mock));

        Assert.That(error!.Message, Does.Contain("HTML page").And.Contain("HTTP 400"));
    }

    [Test]
    public void An_instance_url_on_plain_http_off_loopback_is_refused()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token")
            .Respond("application/json", """{"access_token":"T1","instance_url":"http://na1.example.com"}""");

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => TestConnection(TestOrg.OAuth, mock));

        Assert.That(error!.Message, Does.Contain("plain http").And.Contain("na1.example.com").And.Not.Contain("T1"));
    }

    [Test]
    public async Task A_rotated_refresh_token_is_kept_and_registered_for_redaction()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token")
            .Respond("application/json", """{"access_token":"AT-1","refresh_token":"RT-rotated","instance_url":"https://na1.example.com"}""");
        var sink = new RecordingSink();

        await TestConnection(TestOrg.OAuth, mock, sink);

        Assert.That(sink.Secrets, Is.SupersetOf(new[] { "AT-1", "RT-rotated", TestOrg.ClientSecret, TestOrg.RefreshToken }));
    }

    internal sealed class RecordingSink : ISecretSink
    {
        public List<string> Secrets { get; } = [];

        public void Register(string secret) => Secrets.Add(secret);
    }
}
