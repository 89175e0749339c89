using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// The console's two static files, built into the assembly: its stylesheet and its icon (declared by every page, so
/// a browser never asks for /favicon.ico, which would count as client traffic). Nothing is loaded from elsewhere.
/// </summary>
internal static class ConsoleAssets
{
    public static IResult Stylesheet { get; } = new AssetResult("console.css", "text/css; charset=utf-8");

    public static IResult Icon { get; } = new AssetResult("favicon.svg", "image/svg+xml");

    private sealed class AssetResult(string fileName, string contentType) : IResult
    {
        private readonly byte[] content = Load(fileName);

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = contentType;
            response.ContentLength = content.Length;
            ConsolePage.ApplySafetyHeaders(response);
            return response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }

        private static byte[] Load(string fileName)
        {
            var name = "SalesforceEmulator.WebConsole." + fileName;
            using var resource = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The console's {fileName} is missing from the assembly ({name}).");
            using var copy = new MemoryStream();
            resource.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
