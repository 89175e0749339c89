using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Auth;

/// <summary>
/// POST /services/Soap/u/{version}: the partner API's login() call. Elements are found by local name, so any
/// namespace prefix works (simple-salesforce's full envelope and jsforce's minimal one alike).
/// </summary>
public static class SoapLoginEndpoint
{
    /// <summary>Salesforce retires login() from API 65.0 on; older versions keep it.</summary>
    public const double FirstVersionWithoutLogin = 65.0;

    // UNVERIFIED: the exact fault a real org returns for login() at 65.0+ is not documented; this wording follows
    // the SOAP API end-of-life notice.
    public const string RetiredLoginMessage = "SOAP API login() is not available in API version 65.0 onwards";

    public const string InvalidLoginMessage = "Invalid username, password, security token; or user locked out.";

    private static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Partner = "urn:partner.soap.sforce.com";
    private static readonly XNamespace FaultNs = "urn:fault.partner.soap.sforce.com";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static async Task HandleAsync(HttpContext http, LoginDirectory credentials, TokenStore tokens, EmulatorAddress address, string version,
        ApiVersionRange versions)
    {
        // A retired version, or one the org does not know: SOAP answers UNSUPPORTED_API_VERSION (a 500 fault).
        if (!double.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || versions.ClassifyNumber(version) != ApiVersionStatus.Supported)
        {
            await WriteFaultAsync(http, "UNSUPPORTED_API_VERSION", $"Invalid Api version specified on URL: {version}");
            return;
        }

        if (number >= FirstVersionWithoutLogin)
        {
            await WriteFaultAsync(http, "UNSUPPORTED_API_VERSION", RetiredLoginMessage);
            return;
        }

        var login = await ReadLoginAsync(http);
        if (login is null)
        {
            await WriteClientFaultAsync(http, "Expected a login request: Envelope/Body/login with username and password");
            return;
        }

        var user = credentials.FindUserByName(login.Value.Username);
        if (user is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(login.Value.Password), Encoding.UTF8.GetBytes(user.LoginSecret)))
        {
            await WriteFaultAsync(http, "INVALID_LOGIN", InvalidLoginMessage);
            return;
        }

        var session = tokens.Issue(user, clientId: null);
        await WriteXmlAsync(http, StatusCodes.Status200OK, LoginResponse(address, credentials, version, session));
    }

    private static async Task<(string Username, string Password)?> ReadLoginAsync(HttpContext http)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
            using var reader = XmlReader.Create(http.Request.Body, settings);
            var document = await XDocument.LoadAsync(reader, LoadOptions.None, http.RequestAborted);
            var login = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Body")
                ?.Elements().FirstOrDefault(e => e.Name.LocalName == "login");
            var username = login?.Elements().FirstOrDefault(e => e.Name.LocalName == "username")?.Value;
            var password = login?.Elements().FirstOrDefault(e => e.Name.LocalName == "password")?.Value;
            return username is null || password is null ? null : (username, password);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static XDocument LoginResponse(EmulatorAddress address, LoginDirectory credentials, string version, Session session)
    {
        var baseUrl = address.BaseUrlText;
        var orgId = credentials.OrganizationId;
        var user = session.User;
        var secondsValid = (long)(session.ExpiresAt - session.IssuedAt).TotalSeconds;
        XElement P(string name, object? value) => value is null
            ? new XElement(Partner + name, new XAttribute(Xsi + "nil", "true"))
            : new XElement(Partner + name, value);

        var result = new XElement(Partner + "result",
            P("metadataServerUrl", $"{baseUrl}/services/Soap/m/{version}/{orgId}"),
            P("passwordExpired", "false"),
            P("sandbox", "false"),
            P("serverUrl", $"{baseUrl}/services/Soap/u/{version}/{orgId}"),
            P("sessionId", session.AccessToken),
            P("userId", user.UserId),
            new XElement(Partner + "userInfo",
                P("accessibilityMode", "false"),
                P("chatterExternal", "false"),
                P("currencySymbol", "$"),
                P("orgAttachmentFileSizeLimit", "5242880"),
                P("orgDefaultCurrencyIsoCode", "USD"),
                P("orgDefaultCurrencyLocale", "en_US"),
                P("orgDisallowHtmlAttachments", "false"),
                P("orgHasPersonAccounts", "false"),
                P("organizationId", orgId),
                P("organizationMultiCurrency", "false"),
                P("organizationName", "Salesforce Emulator"),
                P("profileId", "00e000000000001AAA"),
                P("roleId", null),
                P("sessionSecondsValid", secondsValid.ToString(CultureInfo.InvariantCulture)),
                P("userDefaultCurrencyIsoCode", null),
                P("userEmail", user.Email),
                P("userFullName", user.DisplayName),
                P("userId", user.UserId),
                P("userLanguage", "en_US"),
                P("userLocale", "en_US"),
                P("userName", user.Username),
                P("userTimeZone", "America/Los_Angeles"),
                P("userType", "Standard"),
                P("userUiSkin", "Theme3")));

        return new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(Envelope + "Envelope",
                new XAttribute(XNamespace.Xmlns + "soapenv", Envelope),
                new XAttribute("xmlns", Partner),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XElement(Envelope + "Body", new XElement(Partner + "loginResponse", result))));
    }

    /// <summary>An API fault (sf:CODE) with the LoginFault detail simple-salesforce reads; HTTP 500 as real.</summary>
    private static Task WriteFaultAsync(HttpContext http, string code, string message)
    {
        var sf = FaultNs;
        var fault = new XElement(Envelope + "Fault",
            new XElement("faultcode", $"sf:{code}"),
            new XElement("faultstring", $"{code}: {message}"),
            new XElement("detail",
                new XElement(sf + "LoginFault",
                    new XAttribute(Xsi + "type", "sf:LoginFault"),
                    new XElement(sf + "exceptionCode", code),
                    new XElement(sf + "exceptionMessage", message))));
        return WriteXmlAsync(http, StatusCodes.Status500InternalServerError, FaultEnvelope(fault, withSf: true));
    }

    private static Task WriteClientFaultAsync(HttpContext http, string message)
    {
        var fault = new XElement(Envelope + "Fault",
            new XElement("faultcode", "soapenv:Client"),
            new XElement("faultstring", message));
        return WriteXmlAsync(http, StatusCodes.Status500InternalServerError, FaultEnvelope(fault, withSf: false));
    }

    private static XDocument FaultEnvelope(XElement fault, bool withSf)
    {
        var root = new XElement(Envelope + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Envelope),
            new XElement(Envelope + "Body", fault));
        if (withSf)
        {
            root.Add(new XAttribute(XNamespace.Xmlns + "sf", FaultNs));
        }

        root.Add(new XAttribute(XNamespace.Xmlns + "xsi", Xsi));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    private static async Task WriteXmlAsync(HttpContext http, int status, XDocument document)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml;charset=UTF-8";
        var text = document.Declaration + document.ToString(SaveOptions.DisableFormatting);
        await http.Response.WriteAsync(text, http.RequestAborted);
    }
}
