using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesforceEmulator.Admin;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator;

/// <summary>
/// One running emulator: a Kestrel server on 127.0.0.1 serving the org. Embeddable from tests
/// (<see cref="StartAsync"/>, <see cref="BaseUrl"/>, <see cref="DisposeAsync"/>) and run by Program.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2? certificate;

    private EmulatorHost(WebApplication app, EmulatorContext context, X509Certificate2? certificate, string? certificatePath)
    {
        this.app = app;
        this.certificate = certificate;
        Context = context;
        CertificatePath = certificatePath;
    }

    public EmulatorContext Context { get; }

    /// <summary>The base URL, e.g. http://127.0.0.1:43121 (no trailing slash in its string form).</summary>
    public Uri BaseUrl => Context.BaseUrl;

    /// <summary>With https: the PEM file of the self-signed certificate, for clients to trust; otherwise null.</summary>
    public string? CertificatePath { get; }

    /// <summary>Starts a server. Throws <see cref="FaultPlanException"/> when the options' fault file is unusable.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var context = new EmulatorContext(options);
        var certificate = options.Https ? SelfSignedCertificate.Create() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only: the emulator holds credentials and data and must never be reachable from elsewhere.
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddSingleton(context);

        var app = builder.Build();

        // Order matters: the request log sees the path as sent; paths are normalised before routing picks an endpoint; counting sees every request
        // (faulted or refused ones too); faults come before auth, as an overloaded edge answers before the org does.
        app.UseRequestLog(context);
        app.UsePathNormalisation();
        app.UseRouting();
        app.UseRequestCounting(context);
        app.UseFaults(context);
        app.UseSessionGate(context);

        app.MapAdminApi(context);
        app.MapAuthApi(context);
        app.MapRestApi(context);
        app.MapBulkApi(context);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var certificatePath = certificate is null ? null : SelfSignedCertificate.WritePem(certificate);
        return new EmulatorHost(app, context, certificate, certificatePath);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        certificate?.Dispose();
        if (CertificatePath is not null)
        {
            File.Delete(CertificatePath);
        }
    }
}
