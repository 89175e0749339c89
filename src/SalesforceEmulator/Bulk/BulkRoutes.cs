using Microsoft.AspNetCore.Builder;

namespace SalesforceEmulator.Bulk;

/// <summary>STUB (owned by the Org/Bulk/Rest work): Bulk API 2.0 ingest routes.</summary>
public static class BulkRoutes
{
    public static void MapBulkApi(this WebApplication app, EmulatorContext context)
    {
    }
}
