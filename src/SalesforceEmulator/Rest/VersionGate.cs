using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// Endpoint filter on every versioned route: a retired version answers 410 GONE, one the org does not know (above its
/// newest, malformed, or older than the resource) 404 NOT_FOUND, as the real API does. A filter, not a route
/// constraint, because the slim host has no regex constraints.
/// </summary>
public sealed class VersionGate(ApiVersionRange versions, int oldestForResource = 0)
{
    // UNVERIFIED: Salesforce documents the 410 status and the GONE code for retired versions, not the message.
    public const string RetiredMessage = "This API version is retired and no longer available. Use a supported API version.";

    public ApiVersionRange Versions => versions;

    public ValueTask<object?> CheckAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        Refusal(invocation.HttpContext.Request.RouteValues["version"] as string) is { } refusal
            ? ValueTask.FromResult<object?>(refusal)
            : next(invocation);

    /// <summary>The answer for a version the resource cannot serve, or null when it can.</summary>
    public IResult? Refusal(string? segment) => versions.Classify(segment, oldestForResource) switch
    {
        ApiVersionStatus.Supported => null,
        ApiVersionStatus.Retired => ApiResponses.Error(StatusCodes.Status410Gone, "GONE", RetiredMessage),
        _ => ApiResponses.NotFound(),
    };
}
