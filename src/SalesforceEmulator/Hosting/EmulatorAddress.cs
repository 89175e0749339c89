namespace SalesforceEmulator.Hosting;

/// <summary>
/// The base URL clients reach this instance at. Known only once the server listens (the port may be 0 until then),
/// so the endpoints that write URLs into their answers hold this and read it per request.
/// </summary>
public sealed class EmulatorAddress
{
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>The base URL without a trailing slash, as instance_url and serverUrl carry it.</summary>
    public string BaseUrlText => BaseUrl.ToString().TrimEnd('/');
}
