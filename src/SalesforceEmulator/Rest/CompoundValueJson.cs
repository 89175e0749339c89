using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest;

/// <summary>
/// An address or geolocation read back through REST: an object of its components' values under Salesforce's keys
/// (city, country, geocodeAccuracy, latitude, longitude, postalCode, state, street; a location has latitude and
/// longitude only), or null when every component is null.
/// </summary>
public static class CompoundValueJson
{
    // Longest first, so BillingStateCode is not taken for a State and GeocodeAccuracy for nothing shorter.
    private static readonly (string Suffix, string Key)[] Keys =
    [
        ("GeocodeAccuracy", "geocodeAccuracy"), ("CountryCode", "countryCode"), ("PostalCode", "postalCode"),
        ("StateCode", "stateCode"), ("Latitude__s", "latitude"), ("Longitude__s", "longitude"), ("Latitude", "latitude"),
        ("Longitude", "longitude"), ("Country", "country"), ("Street", "street"), ("State", "state"), ("City", "city"),
    ];

    public static void Write(Utf8JsonWriter writer, SObjectSchema schema, SObjectField compound, SObjectRecord record)
    {
        var parts = new SortedDictionary<string, (SObjectField Field, string? Value)>(StringComparer.Ordinal);
        foreach (var component in schema.ComponentsOf(compound))
        {
            if (KeyOf(component.Name) is { } key)
                parts[key] = (component, record[component.Ordinal]);
        }
        if (parts.Values.All(p => p.Value is null))
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, (field, value)) in parts)
        {
            writer.WritePropertyName(key);
            if (value is null)
                writer.WriteNullValue();
            else if (field.Type.IsNumeric())
                writer.WriteRawValue(value);
            else
                writer.WriteStringValue(value);
        }
        writer.WriteEndObject();
    }

    private static string? KeyOf(string componentName)
    {
        foreach (var (suffix, key) in Keys)
        {
            if (componentName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return key;
        }
        return null;
    }
}
