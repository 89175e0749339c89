using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// Waits on this machine for the browser to come back from Salesforce's login page: a small HTTP
/// listener on http://localhost:{port}, answering only the redirect path. Nothing else on the
/// network can reach it.
/// </summary>
internal sealed class LoopbackRedirectListener : IDisposable
{
    /// <summary>The path the Salesforce CLI registers too, so an app set up for it works unchanged.</summary>
    public const string CallbackPath = "/OAuth/Callback";

    private readonly HttpListener listener;

    private LoopbackRedirectListener(HttpListener listener, int port)
    {
        this.listener = listener;
        RedirectUri = new Uri($"http://localhost:{port}{CallbackPath}");
    }

    /// <summary>Where Salesforce sends the browser: register exactly this as the app's callback URL.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Listens on <paramref name="port"/>, or on a free one when it is 0.</summary>
    /// <exception cref="AuthenticationFailedException">The port cannot be listened on (in use, or not allowed).</exception>
    public static LoopbackRedirectListener Start(int port)
    {
        var chosen = port == 0 ? FreePort() : port;
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://localhost:{chosen}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            ((IDisposable)listener).Dispose();
            throw new AuthenticationFailedException(
                $"Cannot listen for the login redirect on port {chosen} ({e.Message}); pass another with --port N " +
                "(and register http://localhost:N/OAuth/Callback with the app), or --port 0 for any free one.", e);
        }

        return new LoopbackRedirectListener(listener, chosen);
    }

    /// <summary>
    /// The query of the first request to the redirect path, and that request, to be answered once the
    /// code is exchanged. Other paths (a browser asking for its icon) get a 404 and are not waited on.
    /// </summary>
    public async Task<RedirectCallback> WaitAsync(CancellationToken cancellationToken)
    {
        // HttpListener takes no token: stopping it ends the wait.
        await using var stop = cancellationToken.Register(() => listener.Stop()).ConfigureAwait(false);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            if (!string.Equals(context.Request.Url?.AbsolutePath, CallbackPath, StringComparison.Ordinal))
            {
                Answer(context.Response, HttpStatusCode.NotFound, "Not the login redirect.");
                continue;
            }

            var query = context.Request.QueryString;
            var fields = query.AllKeys.OfType<string>().ToDictionary(key => key, key => query[key] ?? "", StringComparer.Ordinal);
            return new RedirectCallback(fields, context.Response);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    internal static void Answer(HttpListenerResponse response, HttpStatusCode status, string text)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>target-salesforce login</title></head><body><p>{WebUtility.HtmlEncode(text)}</p></body></html>");
        response.StatusCode = (int)status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }

    public void Dispose() => ((IDisposable)listener).Dispose();
}

/// <summary>The redirect's query fields (code and state, or error and error_description), and the page to answer.</summary>
internal sealed class RedirectCallback(IReadOnlyDictionary<string, string> fields, HttpListenerResponse response)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    /// <summary>Tells the person at the browser how it ended (never with a code or token in it).</summary>
    public void Answer(bool succeeded, string text) =>
        LoopbackRedirectListener.Answer(response, succeeded ? HttpStatusCode.OK : HttpStatusCode.BadRequest, text);

    public override string ToString() => "login redirect";
}
