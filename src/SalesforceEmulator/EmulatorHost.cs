using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator;

/// <summary>
/// One running emulator: a Kestrel server on 127.0.0.1 serving the org. Embeddable from tests
/// (<see cref="StartAsync"/>, <see cref="BaseUrl"/>, <see cref="DisposeAsync"/>) and run by Program.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorHost(WebApplication app, EmulatorContext context)
    {
        this.app = app;
        Context = context;
    }

    public EmulatorContext Context { get; }

    /// <summary>The base URL, e.g. http://127.0.0.1:43121 (no trailing slash in its string form).</summary>
    public Uri BaseUrl => Context.BaseUrl;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var context = new EmulatorContext(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only: the emulator holds credentials and data and must never be reachable from elsewhere.
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddSingleton(context);

        var app = builder.Build();
        app.MapRestApi(context);
        app.MapBulkApi(context);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return new EmulatorHost(app, context);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
