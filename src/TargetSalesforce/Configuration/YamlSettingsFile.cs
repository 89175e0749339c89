using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TargetSalesforce.Configuration;

/// <summary>Mage's `--settings` file: YAML whose `config:` key holds the destination's config.</summary>
public static class YamlSettingsFile
{
    /// <summary>Reads the `config:` mapping; throws <see cref="ConfigException"/> naming the file when it cannot.</summary>
    public static JObject ReadConfig(string path, string workingDirectory)
    {
        var where = $"--settings {path}";
        object? document;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithAttemptingUnquotedStringTypeDeserialization() // `batch_size_rows: 10` is a number, as in YAML 1.2
                .Build();
            document = deserializer.Deserialize<object?>(File.ReadAllText(Path.GetFullPath(path, workingDirectory)));
        }
        catch (IOException e)
        {
            throw new ConfigException([new ConfigProblem(where, $"cannot be read ({e.GetType().Name})")]);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigException([new ConfigProblem(where, "cannot be read (access denied)")]);
        }
        catch (YamlException e)
        {
            // The exception's own text may quote the offending line, which can hold a secret.
            throw new ConfigException([new ConfigProblem(where, $"is not valid YAML (line {e.Start.Line}, column {e.Start.Column})")]);
        }

        if (ToJson(document) is not JObject root || root["config"] is not JObject config)
        {
            throw new ConfigException([new ConfigProblem(where, "has no `config:` mapping")]);
        }

        return config;
    }

    private static JToken ToJson(object? node) => node switch
    {
        null => JValue.CreateNull(),
        IDictionary<object, object?> map => new JObject(
            map.Select(entry => new JProperty(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", ToJson(entry.Value)))),
        IList<object?> list => new JArray(list.Select(ToJson)),
        _ => new JValue(node),
    };
}
