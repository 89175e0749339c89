using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Makes configs from every host look alike before validation: an empty string or null counts
/// as unset (Mage's templates fill every key with ""), and choice values are matched
/// case-insensitively (`Upsert` is `upsert`).
/// </summary>
public static class ConfigNormaliser
{
    public static JObject Normalise(JObject config, SettingsSchema schema)
    {
        var result = new JObject();
        foreach (var property in config.Properties())
        {
            if (IsUnset(property.Value))
            {
                continue;
            }

            var value = property.Value.DeepClone();
            if (schema.ByName.TryGetValue(property.Name, out var setting) && setting.AllowedValues.Count > 0)
            {
                value = LowerCaseString(value);
            }
            else if (property.Name == "streams" && value is JObject streams)
            {
                value = NormaliseStreams(streams);
            }

            result[property.Name] = value;
        }

        return result;
    }

    public static bool IsUnset(JToken? value) =>
        value is null
        || value.Type == JTokenType.Null
        || (value.Type == JTokenType.String && ((string?)value)?.Length == 0);

    private static JObject NormaliseStreams(JObject streams)
    {
        foreach (var stream in streams.Properties())
        {
            if (stream.Value is not JObject overrides)
            {
                continue;
            }

            foreach (var setting in overrides.Properties().ToList())
            {
                if (IsUnset(setting.Value))
                {
                    setting.Remove();
                }
                else if (setting.Name == "action")
                {
                    setting.Value = LowerCaseString(setting.Value);
                }
            }
        }

        return streams;
    }

    private static JToken LowerCaseString(JToken value) =>
        value.Type == JTokenType.String ? new JValue(((string)value!).ToLowerInvariant()) : value;
}
