using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TargetSalesforce.Configuration;

/// <summary>Mage's `--settings` file: YAML whose `config:` key holds the destination's config.</summary>
/// <remarks>
/// Read as YAML's node tree, not through YamlDotNet's reflection-based deserializer, so the native build
/// (Native AOT) reads it the same way. A plain (unquoted) scalar is typed by YAML 1.2's core schema:
/// `batch_size_rows: 10` is a number, `allow_failures: true` a boolean, `table_name: ~` null; quoted text stays text.
/// </remarks>
public static partial class YamlSettingsFile
{
    /// <summary>Reads the `config:` mapping; throws <see cref="ConfigException"/> naming the file when it cannot.</summary>
    public static JObject ReadConfig(string path, string workingDirectory)
    {
        var where = $"--settings {path}";
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(File.ReadAllText(Path.GetFullPath(path, workingDirectory)));
            stream.Load(reader);
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

        var root = stream.Documents.Count > 0 ? ToJson(stream.Documents[0].RootNode) : null;
        if (root is not JObject document || document["config"] is not JObject config)
        {
            throw new ConfigException([new ConfigProblem(where, "has no `config:` mapping")]);
        }

        return config;
    }

    private static JToken ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode list => new JArray(list.Children.Select(ToJson)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => JValue.CreateNull(),
    };

    /// <summary>
    /// A mapping as an object. YamlDotNet refuses a repeated key while loading, with its line; keys that differ only
    /// in YAML (`1` and `'1'`) are one name in JSON, and the later one stands.
    /// </summary>
    private static JObject Mapping(YamlMappingNode map)
    {
        var json = new JObject();
        foreach (var (key, value) in map.Children)
        {
            json[KeyText(key)] = ToJson(value);
        }

        return json;
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();

    /// <summary>A scalar's value: typed by the core schema when it is plain and untagged, else its text.</summary>
    private static JValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return new JValue(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new JValue(text[0] is 't' or 'T');
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        return new JValue(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
