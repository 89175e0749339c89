using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The org's API request count, reported on every REST and Bulk response in the Sforce-Limit-Info header
/// (api-usage=used/max), as the real API does.
/// </summary>
public sealed class ApiUsage
{
    /// <summary>A Developer Edition org's daily allowance.</summary>
    public const int DailyMax = 15000;

    private long used;

    public long Used => Interlocked.Read(ref used);

    public void Reset() => Interlocked.Exchange(ref used, 0);

    /// <summary>An endpoint filter that counts the request and adds the header.</summary>
    public async ValueTask<object?> CountAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var count = Interlocked.Increment(ref used);
        invocation.HttpContext.Response.Headers["Sforce-Limit-Info"] = $"api-usage={count}/{DailyMax}";
        return await next(invocation).ConfigureAwait(false);
    }
}
