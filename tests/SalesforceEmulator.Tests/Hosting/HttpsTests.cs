using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SalesforceEmulator.Tests.Hosting;

public sealed class HttpsTests
{
    [Test]
    public async Task ClientTrustingTheWrittenCertificateReachesIt()
    {
        await using var emulator = await HostFixture.StartAsync(o => o.Https = true);
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(emulator.Host.CertificatePath!));
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { certificate },
        };
        using var client = new HttpClient(handler) { BaseAddress = emulator.Host.BaseUrl };

        using var response = await client.GetAsync("/__emulator/stats");

        Assert.That(emulator.Host.BaseUrl.Scheme, Is.EqualTo("https"));
        Assert.That(emulator.Host.BaseUrl.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ClientNotTrustingItIsRefused()
    {
        await using var emulator = await HostFixture.StartAsync(o => o.Https = true);
        using var client = new HttpClient { BaseAddress = emulator.Host.BaseUrl };

        var error = Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync("/__emulator/stats"));

        Assert.That(error!.InnerException, Is.InstanceOf<AuthenticationException>());
    }

    [Test]
    public async Task CertificateNamesLoopbackAndIsRemovedOnStop()
    {
        string path;
        await using (var emulator = await HostFixture.StartAsync(o => o.Https = true))
        {
            path = emulator.Host.CertificatePath!;
            using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(path));
            var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

            Assert.That(names.EnumerateIPAddresses(), Does.Contain(IPAddress.Loopback));
            Assert.That(await File.ReadAllTextAsync(path), Does.Not.Contain("PRIVATE KEY"));
        }

        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public async Task PlainHttpHasNoCertificate()
    {
        await using var emulator = await HostFixture.StartAsync();

        Assert.That(emulator.Host.CertificatePath, Is.Null);
        Assert.That(emulator.Host.BaseUrl.Scheme, Is.EqualTo("http"));
    }
}
