using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// Username + password (+ security token appended) through the partner SOAP login(), at the
/// configured API version but never past 64.0 (Salesforce retires SOAP login from 65.0).
/// </summary>
internal sealed class SoapLoginFlow(
    ResilientTransport transport, Uri loginUrl, string apiVersion, string username, string password, string? securityToken, ISecretSink secrets)
    : ILoginFlow
{
    public async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var version = ApiVersions.ForSoapLogin(apiVersion);
        var envelope = BuildEnvelope();
        var request = new ApiRequest(HttpMethod.Post, $"/services/Soap/u/{version}", "SOAP login", ReplayRule.Idempotent)
        {
            Content = () => new ByteArrayContent(envelope) { Headers = { { "Content-Type", "text/xml; charset=UTF-8" } } },
            Accept = "text/xml",
            Headers = new Dictionary<string, string> { ["SOAPAction"] = "login" },
        };

        ApiResponse response;
        try
        {
            response = await transport.SendAsync(request, Urls.Combine(loginUrl, request.Path), null, cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceApiException ex)
        {
            throw new AuthenticationFailedException($"Salesforce login (SOAP, username and password) at {loginUrl.Host} failed: {ex.Message}", ex);
        }

        var document = ParseXml(response);
        if (document is null)
        {
            throw new AuthenticationFailedException(
                $"Salesforce login (SOAP, username and password) at {loginUrl.Host} failed: HTTP {(int)response.Status} with {ApiError.From(response).Text}");
        }

        if (Find(document, "Fault") is { } fault)
        {
            var code = Find(fault, "exceptionCode")?.Value ?? Find(fault, "faultcode")?.Value;
            var message = Find(fault, "exceptionMessage")?.Value ?? Find(fault, "faultstring")?.Value;
            throw new AuthenticationFailedException($"Salesforce login (SOAP, username and password) at {loginUrl.Host} failed: {code}: {message}");
        }

        var result = Find(document, "result");
        var sessionId = result is null ? null : Find(result, "sessionId")?.Value;
        var serverUrl = result is null ? null : Find(result, "serverUrl")?.Value;
        if (!response.IsSuccess || string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(serverUrl))
        {
            throw new AuthenticationFailedException(
                $"Salesforce login (SOAP, username and password) at {loginUrl.Host} failed: HTTP {(int)response.Status} without a session in the answer.");
        }

        if (string.Equals(Find(result!, "passwordExpired")?.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuthenticationFailedException(
                $"Salesforce login (SOAP) for {username}: the password has expired; set a new one in Salesforce first.");
        }

        secrets.Register(sessionId);
        var server = InstanceUrls.Parse(serverUrl, "the SOAP login");
        return new Session(sessionId, new Uri(server.GetLeftPart(UriPartial.Authority)));
    }

    private byte[] BuildEnvelope()
    {
        var secret = password + (securityToken ?? string.Empty);
        var xml = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
            .Append("<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:urn=\"urn:partner.soap.sforce.com\">")
            .Append("<env:Header><urn:CallOptions><urn:client>target-salesforce</urn:client></urn:CallOptions></env:Header>")
            .Append("<env:Body><urn:login>")
            .Append("<urn:username>").Append(SecurityElement.Escape(username)).Append("</urn:username>")
            .Append("<urn:password>").Append(SecurityElement.Escape(secret)).Append("</urn:password>")
            .Append("</urn:login></env:Body></env:Envelope>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static XDocument? ParseXml(ApiResponse response)
    {
        if (response.Body.Length == 0)
        {
            return null;
        }

        try
        {
            // No DTDs, no external entities: the answer is data, never instructions.
            using var reader = XmlReader.Create(new MemoryStream(response.Body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // Salesforce answers in the partner or enterprise namespace (and faults in another): match local names.
    private static XElement? Find(XContainer root, string localName) =>
        root.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);
}
