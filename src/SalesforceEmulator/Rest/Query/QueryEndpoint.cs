using System.Globalization;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest.Query;

/// <summary>
/// `query` and `queryAll` (which also returns the recycle bin's records) and their next pages: at most 2,000 records
/// a batch, or the `Sforce-Query-Options: batchSize=N` asked for (200 to 2,000), with `nextRecordsUrl`
/// (/services/data/vXX.X/query/{locator}-{offset}) while more remain.
/// </summary>
public sealed class QueryEndpoint(OrgStore org, QueryCursors cursors)
{
    public const int DefaultBatchSize = 2000;
    public const int MinBatchSize = 200;

    /// <summary>Runs a query; <paramref name="queryOptions"/> is the Sforce-Query-Options header, if any.</summary>
    public RestReply Run(string version, string? soql, bool includeDeleted, bool columnsOnly, string? queryOptions, string userId)
    {
        if (string.IsNullOrWhiteSpace(soql))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "MALFORMED_QUERY", "A query string has to be specified");
        SoqlResult result;
        try
        {
            result = SoqlRunner.Run(org, SoqlParser.Parse(soql), includeDeleted);
        }
        catch (SoqlException e)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, e.ErrorCode, e.Message);
        }
        if (columnsOnly)
            return ApiResponses.Json(writer => QueryColumnsJson.Write(writer, result));
        var batchSize = BatchSize(queryOptions);
        if (result.Records.Count <= batchSize)
            return Page(version, result, 0, batchSize, locator: null, includeDeleted);
        var cursor = cursors.Open(userId, result, batchSize);
        return Page(version, result, 0, batchSize, cursor.Locator, includeDeleted);
    }

    /// <summary>The page a locator ("01g…-2000") points at.</summary>
    public RestReply More(string version, string locatorAndOffset, bool includeDeleted, string userId)
    {
        var dash = locatorAndOffset.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(locatorAndOffset.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return InvalidLocator();
        var cursor = cursors.Find(locatorAndOffset[..dash], userId);
        if (cursor is null || offset > cursor.Result.Records.Count)
            return InvalidLocator();
        return Page(version, cursor.Result, offset, cursor.BatchSize, cursor.Locator, includeDeleted);
    }

    // UNVERIFIED: the code is the documented INVALID_QUERY_LOCATOR; the message is the emulator's.
    private static RestReply InvalidLocator() =>
        ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", "invalid query locator");

    private static RestReply Page(string version, SoqlResult result, int offset, int batchSize, string? locator, bool includeDeleted)
    {
        var end = Math.Min(result.Records.Count, offset + batchSize);
        var done = end >= result.Records.Count;
        var resource = includeDeleted ? "queryAll" : "query";
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", result.TotalSize);
            writer.WriteBoolean("done", done);
            if (!done)
                writer.WriteString("nextRecordsUrl", $"/services/data/v{version}/{resource}/{locator}-{end}");
            writer.WriteStartArray("records");
            for (var i = offset; i < end; i++)
                QueryRecordJson.Write(writer, result.Schema, result.Records[i], result.Columns, version);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>batchSize from the header, held to 200–2,000 ("no guarantee that the requested batch size is the actual batch size").</summary>
    private static int BatchSize(string? queryOptions)
    {
        if (string.IsNullOrWhiteSpace(queryOptions))
            return DefaultBatchSize;
        foreach (var option in queryOptions.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && option[..equals].Trim().Equals("batchSize", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(option[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                return Math.Clamp(size, MinBatchSize, DefaultBatchSize);
        }
        return DefaultBatchSize;
    }
}
