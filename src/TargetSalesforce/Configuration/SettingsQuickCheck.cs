using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Tells, from the settings schema's own JSON, that a config surely passes it, without NJsonSchema: building NJsonSchema's
/// model of the schema is about 0.2 s of a run's start (reflection over its model, the first time in the process), spent
/// before the first request. It knows only the keywords the settings schema uses (type, enum, minimum, maximum,
/// exclusiveMinimum, pattern, properties, additionalProperties, required) and says "surely passes" only when every rule
/// plainly holds; anything else (a keyword it does not know, a date-looking string Newtonsoft read as a date, a required
/// setting given as null) is "not sure", and <see cref="ConfigValidator"/> asks NJsonSchema, whose errors name the problems.
/// A test holds it to NJsonSchema: whatever it passes, NJsonSchema passes.
/// </summary>
public static class SettingsQuickCheck
{
    // Keywords that say nothing about validity.
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "title", "description", "default", "examples", "secret", "hidden", "writeOnly",
    };

    private static readonly HashSet<string> Rules = new(StringComparer.Ordinal)
    {
        "type", "enum", "minimum", "maximum", "exclusiveMinimum", "pattern", "properties", "additionalProperties", "required",
    };

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="value"/> surely satisfies <paramref name="schema"/>; false when it may not.</summary>
    public static bool SurelyPasses(JToken value, JObject schema)
    {
        foreach (var rule in schema.Properties())
        {
            if (!Annotations.Contains(rule.Name) && !Rules.Contains(rule.Name))
            {
                return false;
            }
        }

        return TypeHolds(value, schema["type"])
            && EnumHolds(value, schema["enum"])
            && BoundsHold(value, schema)
            && PatternHolds(value, schema["pattern"])
            && (value is not JObject obj || ObjectHolds(obj, schema));
    }

    private static bool TypeHolds(JToken value, JToken? type) => type switch
    {
        null => true,
        JValue { Type: JTokenType.String } single => IsOfType(value, (string)single!),
        JArray several => several.Any(t => t.Type == JTokenType.String && IsOfType(value, (string)t!)),
        _ => false,
    };

    // Only the token types that mean one JSON type plainly: a Date, Guid or Uri token (a string Newtonsoft read as one) is not sure.
    private static bool IsOfType(JToken value, string type) => (type, value.Type) switch
    {
        ("string", JTokenType.String) => true,
        ("integer", JTokenType.Integer) => true,
        ("number", JTokenType.Integer or JTokenType.Float) => true,
        ("boolean", JTokenType.Boolean) => true,
        ("null", JTokenType.Null) => true,
        ("object", JTokenType.Object) => true,
        ("array", JTokenType.Array) => true,
        _ => false,
    };

    private static bool EnumHolds(JToken value, JToken? members) => members switch
    {
        null => true,
        JArray list => list.Any(member => JToken.DeepEquals(member, value)),
        _ => false,
    };

    private static bool BoundsHold(JToken value, JObject schema)
    {
        if (value.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            return true; // numeric bounds apply to numbers only
        }

        var number = value.Value<double>();
        return Bound(schema["minimum"], limit => number >= limit)
            && Bound(schema["maximum"], limit => number <= limit)
            && Bound(schema["exclusiveMinimum"], limit => number > limit);
    }

    private static bool Bound(JToken? limit, Func<double, bool> holds) => limit switch
    {
        null => true,
        JValue { Type: JTokenType.Integer or JTokenType.Float } given => holds(given.Value<double>()),
        _ => false,
    };

    private static bool PatternHolds(JToken value, JToken? pattern)
    {
        if (pattern is null || value.Type != JTokenType.String)
        {
            return pattern is null || pattern.Type == JTokenType.String;
        }

        if (pattern.Type != JTokenType.String)
        {
            return false;
        }

        var regex = Patterns.GetOrAdd((string)pattern!, text => new Regex(text, RegexOptions.CultureInvariant));
        return regex.IsMatch((string)value!);
    }

    private static bool ObjectHolds(JObject value, JObject schema)
    {
        var declared = schema["properties"];
        if (declared is not (null or JObject))
        {
            return false;
        }

        if (schema["required"] is { } required
            && (required is not JArray names || names.Any(n => n.Type != JTokenType.String || value[(string)n!] is null or { Type: JTokenType.Null })))
        {
            return false;
        }

        var others = schema["additionalProperties"];
        foreach (var property in value.Properties())
        {
            var rule = (declared as JObject)?.Property(property.Name)?.Value ?? others;
            var holds = rule switch
            {
                null => true, // no rule for it: anything goes
                JObject subschema => SurelyPasses(property.Value, subschema),
                JValue { Type: JTokenType.Boolean } allowed => (bool)allowed!,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
