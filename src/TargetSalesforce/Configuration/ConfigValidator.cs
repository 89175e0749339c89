using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Checks a normalised config against the schema and the login rules, and returns every
/// problem at once, each naming its key. The messages are written here rather than taken from
/// NJsonSchema, so a secret's value can never leak into them.
/// </summary>
public sealed class ConfigValidator(SettingsSchema schema)
{
    public IReadOnlyList<ConfigProblem> Validate(JObject config)
    {
        var problems = new List<ConfigProblem>();
        if (!SettingsQuickCheck.SurelyPasses(config, schema.Document))
        {
            foreach (var error in Flatten(schema.Validator.Validate(config)))
            {
                var key = KeyOf(error);
                problems.Add(new ConfigProblem(key, Describe(error, key, config)));
            }
        }

        problems.AddRange(AuthFlowChoice.Choose(config).Problems);
        problems.AddRange(CheckPolling(config));
        problems.AddRange(CheckVersions(config));
        return problems.Select(problem => WithNearMiss(problem, config)).ToList();
    }

    /// <summary>A missing setting the config holds under a near-miss name (`acton` for `action`) says so.</summary>
    private ConfigProblem WithNearMiss(ConfigProblem problem, JObject config)
    {
        if (problem.Key.Contains('.', StringComparison.Ordinal) || config.ContainsKey(problem.Key)
            || !problem.Message.StartsWith("is required", StringComparison.Ordinal))
        {
            return problem;
        }

        var nearMiss = UnknownKeys(config).FirstOrDefault(unknown => NearestNames.Find(unknown, [problem.Key]).Count > 0);
        return nearMiss is null ? problem : problem with { Message = $"{problem.Message}; the config has {nearMiss}: did you mean {problem.Key}?" };
    }

    /// <summary>Settings the schema does not know: a likely typo, reported as a warning.</summary>
    public IReadOnlyList<string> UnknownKeys(JObject config) =>
        config.Properties().Select(p => p.Name).Where(n => !schema.ByName.ContainsKey(n)).ToList();

    /// <summary>The warning for an unknown key, naming the nearest known setting.</summary>
    public string UnknownKeyWarning(string key) =>
        $"config: {key}: is not a known setting and is ignored{NearestNames.Hint(key, schema.ByName.Keys)} (see --about)";

    /// <summary>Warnings about credentials: a set partly given beside the one used, or keys the chosen flow does not use.</summary>
    public static IReadOnlyList<string> CredentialWarnings(JObject config) => AuthFlowChoice.Choose(config).Warnings;

    private static IEnumerable<ConfigProblem> CheckPolling(JObject config)
    {
        if (config["poll_interval_seconds"] is JValue { Type: JTokenType.Integer or JTokenType.Float } first
            && config["poll_max_interval_seconds"] is JValue { Type: JTokenType.Integer or JTokenType.Float } longest
            && (double)longest < (double)first)
        {
            yield return new ConfigProblem(
                "poll_max_interval_seconds", $"must not be less than poll_interval_seconds ({Format(first)})");
        }
    }

    /// <summary>Soft deletes need a field to set: the run's `soft_delete_field`, or each scoped stream's own.</summary>
    private static IEnumerable<ConfigProblem> CheckVersions(JObject config)
    {
        if ((string?)(config["activate_version"] as JValue) != "soft_delete_field" || !ConfigNormaliser.IsUnset(config["soft_delete_field"]))
        {
            yield break;
        }

        var streams = (config["streams"] as JObject)?.Properties().Where(p => p.Value is JObject).ToList() ?? [];
        var scoped = streams.Where(p => !ConfigNormaliser.IsUnset(p.Value["scope"])).ToList();
        var lacking = scoped.Where(p => ConfigNormaliser.IsUnset(p.Value["soft_delete_field"])).Select(p => p.Name).ToList();
        if (scoped.Count == 0 || lacking.Count > 0)
        {
            yield return new ConfigProblem(
                "soft_delete_field",
                "is required when activate_version is soft_delete_field (the checkbox or date/time field to set on rows a version no longer has)" +
                (lacking.Count > 0 ? $"; streams without their own: {string.Join(", ", lacking)}" : string.Empty));
        }
    }

    /// <summary>NJsonSchema nests the errors of `additionalProperties` subschemas (the `streams` entries).</summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    /// <summary>`#/streams.accounts.action` → `streams.accounts.action`; a required property's own name is appended.</summary>
    private static string KeyOf(ValidationError error)
    {
        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal))
        {
            path = path[2..];
        }
        else if (path == "#")
        {
            path = "";
        }

        path = path.Replace('/', '.');
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property
            && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : $"{path}.{property}";
        }

        return path.Length == 0 ? error.Property ?? "(root)" : path;
    }

    private string Describe(ValidationError error, string key, JObject config)
    {
        var rule = error.Schema;
        var value = config.SelectToken(JsonPathOf(key), errorWhenNoMatch: false);
        var shown = Show(key, value);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => Required(key),
            ValidationErrorKind.StringExpected => $"must be a string, not {shown}",
            ValidationErrorKind.IntegerExpected => $"must be a whole number, not {shown}",
            ValidationErrorKind.NumberExpected => $"must be a number, not {shown}",
            ValidationErrorKind.BooleanExpected => $"must be true or false, not {shown}",
            ValidationErrorKind.ObjectExpected => $"must be a JSON object, not {shown}",
            ValidationErrorKind.ArrayExpected => $"must be a JSON array, not {shown}",
            ValidationErrorKind.NotInEnumeration =>
                $"{shown} is not one of {string.Join(", ", rule?.Enumeration.Select(e => e?.ToString()) ?? [])}",
            ValidationErrorKind.NumberTooSmall or ValidationErrorKind.IntegerTooBig or ValidationErrorKind.NumberTooBig =>
                $"{shown} is out of range ({Range(rule)})",
            ValidationErrorKind.PatternMismatch when key == "api_version" => $"{shown} is not an API version like 64.0",
            ValidationErrorKind.PatternMismatch => $"{shown} does not match {rule?.Pattern}",
            ValidationErrorKind.NoAdditionalPropertiesAllowed =>
                $"is not a known setting here{NearMiss(key, rule)}{Known(rule)}",
            _ => $"is invalid ({error.Kind})",
        };
    }

    private string Required(string key)
    {
        var name = key.Split('.')[^1];
        if (schema.ByName.TryGetValue(name, out var setting) && setting.AllowedValues.Count > 0)
        {
            return $"is required (one of {string.Join(", ", setting.AllowedValues)})";
        }

        return name == "domain"
            ? "is required (login, test, a My Domain such as acme.my, or a URL)"
            : "is required";
    }

    /// <summary>The value as JSON, unless the key holds a secret: then only its kind.</summary>
    private string Show(string key, JToken? value)
    {
        if (value is null)
        {
            return "this value";
        }

        if (schema.ByName.TryGetValue(key, out var setting) && setting.IsSecret)
        {
            var kind = value.Type switch
            {
                JTokenType.Integer or JTokenType.Float => "a number",
                JTokenType.Boolean => "a boolean",
                JTokenType.Object => "an object",
                JTokenType.Array => "an array",
                _ => "a string",
            };
            return $"{kind} (value hidden)";
        }

        var json = value.ToString(Formatting.None);
        return json.Length > 60 ? json[..57] + "..." : json;
    }

    private static string Range(JsonSchema? rule)
    {
        if (rule is null)
        {
            return "see --about";
        }

        var parts = new List<string>();
        if (rule.ExclusiveMinimum is { } exclusiveMinimum)
        {
            parts.Add($"greater than {Format(exclusiveMinimum)}");
        }
        else if (rule.Minimum is { } minimum)
        {
            parts.Add($"at least {Format(minimum)}");
        }

        if (rule.Maximum is { } maximum)
        {
            parts.Add($"at most {Format(maximum)}");
        }

        return string.Join(", ", parts);
    }

    private static string NearMiss(string key, JsonSchema? rule) =>
        rule is { Properties.Count: > 0 } ? NearestNames.Hint(key.Split('.')[^1], rule.Properties.Keys) : "";

    private static string Known(JsonSchema? rule) =>
        rule is { Properties.Count: > 0 } ? $" (known: {string.Join(", ", rule.Properties.Keys)})" : "";

    private static string JsonPathOf(string key) =>
        "$" + string.Concat(key.Split('.').Select(part => $"['{part.Replace("'", "\\'")}']"));

    private static string Format(object number) => Convert.ToString(number, CultureInfo.InvariantCulture) ?? "";
}
