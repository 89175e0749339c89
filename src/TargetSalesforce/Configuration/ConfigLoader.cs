using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Gathers the config from every source the command line names and merges it, key by key:
/// `--config` files in order (later wins), then `--config_json` (Mage's inline config outranks
/// files), then the environment when `--config ENV` is given (variables win, as in the Meltano
/// SDK). Mage's `--settings` YAML is read only when nothing else gives a config. Each source is
/// normalised first, so a "" in a later source does not unset an earlier value.
/// </summary>
public sealed class ConfigLoader(
    SettingsSchema schema, IReadOnlyDictionary<string, string> environment, string workingDirectory)
{
    /// <summary>The merged, normalised config; throws <see cref="ConfigException"/> listing every source that failed.</summary>
    public JObject Load(ConfigRequest request)
    {
        var problems = new List<ConfigProblem>();
        var merged = new JObject();
        var readEnvironment = false;
        var anySource = false;

        foreach (var argument in request.ConfigArguments)
        {
            anySource = true;
            if (argument == ConfigRequest.EnvironmentMarker)
            {
                readEnvironment = true;
                continue;
            }

            Merge(merged, ReadJsonFile(argument, problems));
        }

        if (request.ConfigJson is not null)
        {
            anySource = true;
            Merge(merged, ParseObject(request.ConfigJson, "--config_json", problems));
        }

        if (readEnvironment)
        {
            Merge(merged, EnvironmentConfig.Read(schema, environment, workingDirectory));
        }

        if (!anySource && request.SettingsFile is not null)
        {
            anySource = true;
            try
            {
                Merge(merged, YamlSettingsFile.ReadConfig(request.SettingsFile, workingDirectory));
            }
            catch (ConfigException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        if (!anySource)
        {
            problems.Add(new ConfigProblem(
                "source",
                "none given; pass --config FILE (or --config ENV for TARGET_SALESFORCE_* variables), --config_json JSON, or --settings FILE"));
        }

        if (problems.Count > 0)
        {
            throw new ConfigException(problems);
        }

        return merged;
    }

    private void Merge(JObject into, JObject? source)
    {
        if (source is null)
        {
            return;
        }

        foreach (var property in ConfigNormaliser.Normalise(source, schema).Properties())
        {
            into[property.Name] = property.Value;
        }
    }

    private JObject? ReadJsonFile(string path, List<ConfigProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.GetFullPath(path, workingDirectory));
        }
        catch (FileNotFoundException)
        {
            problems.Add(new ConfigProblem($"--config {path}", "file not found"));
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            problems.Add(new ConfigProblem($"--config {path}", "file not found (no such directory)"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigProblem($"--config {path}", $"cannot be read ({e.GetType().Name})"));
            return null;
        }

        return ParseObject(text, $"--config {path}", problems);
    }

    private static JObject? ParseObject(string json, string where, List<ConfigProblem> problems)
    {
        try
        {
            var token = JToken.Parse(json);
            if (token is JObject config)
            {
                return config;
            }

            problems.Add(new ConfigProblem(where, $"must be a JSON object, not {token.Type.ToString().ToLowerInvariant()}"));
        }
        catch (JsonReaderException e)
        {
            // Newtonsoft's message quotes the text near the error, which may be a secret: give the place only.
            problems.Add(new ConfigProblem(where, $"is not valid JSON (line {e.LineNumber}, position {e.LinePosition})"));
        }

        return null;
    }
}
