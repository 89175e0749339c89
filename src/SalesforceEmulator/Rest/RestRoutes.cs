using Microsoft.AspNetCore.Builder;

namespace SalesforceEmulator.Rest;

/// <summary>STUB (owned by the Org/Bulk/Rest work): REST routes (versions, limits, sobjects, describe, query).</summary>
public static class RestRoutes
{
    public static void MapRestApi(this WebApplication app, EmulatorContext context)
    {
    }
}
