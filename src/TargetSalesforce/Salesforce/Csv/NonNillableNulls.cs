using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Tells, once a run for each field, that a JSON null met a field describe calls not nillable: Salesforce refuses to
/// clear such a field (REQUIRED_FIELD_MISSING), so a checkbox is written `false` and any other such field left as it is.
/// </summary>
internal sealed class NonNillableNulls(ILogger logger)
{
    private readonly ConcurrentDictionary<string, byte> told = new(StringComparer.OrdinalIgnoreCase);

    public void Seen(string objectName, string field, bool checkbox)
    {
        if (!told.TryAdd($"{objectName}.{field}", 0))
        {
            return;
        }

        logger.LogWarning(
            "{Object}.{Field} cannot be null: records with a null there {Effect} (one warning per field per run)",
            objectName, field, checkbox ? "write false" : "leave the field as it is");
    }
}
