using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading;

/// <summary>Which object, action and key a stream loads with, from the settings.</summary>
internal static class StreamRouting
{
    /// <summary>
    /// The object: `table_name` when set, else `streams.&lt;stream&gt;.object`, else Mage's injected `table`,
    /// else the catalog's destination table, else the stream name. Action and key: the stream's
    /// override, else the run's.
    /// </summary>
    public static ObjectOperation Resolve(string stream, TargetSettings settings, IReadOnlyDictionary<string, string> destinationTables)
    {
        settings.Streams.TryGetValue(stream, out var overrides);
        var objectName = NonEmpty(settings.TableName)
                         ?? NonEmpty(overrides?.Object)
                         ?? NonEmpty(settings.MageTable)
                         ?? (destinationTables.TryGetValue(stream, out var table) ? NonEmpty(table) : null)
                         ?? stream;
        return new ObjectOperation(
            objectName,
            overrides?.Action ?? settings.Action,
            NonEmpty(overrides?.ExternalIdName) ?? settings.ExternalIdName);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
