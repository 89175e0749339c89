using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce.Auth;

public class LoginEndpointTests
{
    [TestCase("login", "https://login.salesforce.com/")]
    [TestCase("test", "https://test.salesforce.com/")]
    [TestCase(null, "https://login.salesforce.com/")]
    [TestCase("acme.my", "https://acme.my.salesforce.com/")]
    [TestCase("acme--uat.sandbox.my", "https://acme--uat.sandbox.my.salesforce.com/")]
    [TestCase("acme.my.salesforce.com", "https://acme.my.salesforce.com/")]
    [TestCase("https://acme.example.org/", "https://acme.example.org/")]
    [TestCase("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
    [TestCase("http://127.9.8.7:80", "http://127.9.8.7/")]
    [TestCase("http://localhost:5000", "http://localhost:5000/")]
    [TestCase("http://[::1]:5000", "http://[::1]:5000/")]
    public void Resolves_the_domain_setting(string? domain, string expected) =>
        Assert.That(LoginEndpoint.Resolve(domain).ToString(), Is.EqualTo(expected));

    [TestCase("http://acme.my.salesforce.com")]
    [TestCase("http://10.0.0.5:8080")]
    [TestCase("http://128.0.0.1")]
    public void Refuses_plain_http_off_loopback(string domain)
    {
        var error = Assert.Throws<AuthenticationFailedException>(() => LoginEndpoint.Resolve(domain));
        Assert.That(error!.Message, Does.Contain("plain http").And.Contain("loopback"));
    }

    [TestCase("acme my")]
    [TestCase("acme/../x")]
    [TestCase("ftp://acme.example.org")]
    public void Rejects_what_is_no_domain(string domain)
    {
        var error = Assert.Throws<AuthenticationFailedException>(() => LoginEndpoint.Resolve(domain));
        Assert.That(error!.Message, Does.Contain(domain));
    }
}
