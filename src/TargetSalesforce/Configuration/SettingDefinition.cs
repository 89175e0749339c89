using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>One top-level setting as the schema declares it.</summary>
/// <param name="Name">The config key, e.g. `batch_size_rows`.</param>
/// <param name="Type">The JSON Schema type: string, integer, number, boolean, object or array.</param>
/// <param name="Default">The schema default, or null when the setting has none.</param>
/// <param name="Description">One or two sentences for people.</param>
/// <param name="IsSecret">Marked `secret: true`: its value is never printed.</param>
/// <param name="IsHidden">Marked `hidden: true`: set by a host (Mage's `table`), left out of user docs.</param>
/// <param name="IsRequired">Listed under the schema's `required`.</param>
/// <param name="AllowedValues">The `enum` values, or empty.</param>
public sealed record SettingDefinition(
    string Name,
    string Type,
    JToken? Default,
    string Description,
    bool IsSecret,
    bool IsHidden,
    bool IsRequired,
    IReadOnlyList<string> AllowedValues);
