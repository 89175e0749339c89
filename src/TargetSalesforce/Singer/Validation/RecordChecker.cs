using System.Runtime.CompilerServices;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer.Validation;

/// <summary>
/// A stream's schema compiled into a tree of checks that walks a record once and allocates nothing
/// when the record is valid. It accepts and rejects exactly what NJsonSchema's validator does (a test
/// holds it to that): the keywords taps use (type, nullable, required, properties,
/// additionalProperties, items, enum, anyOf/allOf/oneOf, format) are compiled; a subschema that uses
/// anything else is handed to NJsonSchema itself.
/// </summary>
public sealed class RecordChecker
{
    private static readonly JsonSchemaValidator Validator = new();

    private static readonly Dictionary<string, IFormatValidator[]> FormatValidators =
        new JsonSchemaValidatorSettings().FormatValidators
            .GroupBy(v => v.Format, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private readonly Node root;

    private RecordChecker(Node root) => this.root = root;

    public static RecordChecker Compile(JsonSchema schema) =>
        new(Node.Compile(schema.ActualSchema, new Dictionary<JsonSchema, Node>(ReferenceEqualityComparer.Instance)));

    /// <summary>
    /// The same checker compiled straight from the schema's JSON, without NJsonSchema's model (whose first build in a
    /// process is about 0.1 s of reflection), when every subschema uses only plain keywords (<see cref="PlainKeywords"/>:
    /// type, properties, required, additionalProperties, one items schema, format, and annotations) read the one way
    /// NJsonSchema reads them; null otherwise, and the caller compiles NJsonSchema's model instead.
    /// </summary>
    public static RecordChecker? CompilePlain(JObject schema) => Node.CompilePlain(schema) is { } root ? new RecordChecker(root) : null;

    /// <summary>Keywords <see cref="CompilePlain"/> reads (or may ignore, as NJsonSchema's validator does).</summary>
    private static readonly HashSet<string> PlainKeywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "format",
        "title", "description", "default", "examples", "$comment", "$schema", "readOnly", "writeOnly", "deprecated", "inclusion", "selected",
    };

    private static readonly Dictionary<string, JsonObjectType> PlainTypes = new(StringComparer.Ordinal)
    {
        ["array"] = JsonObjectType.Array, ["boolean"] = JsonObjectType.Boolean, ["integer"] = JsonObjectType.Integer, ["null"] = JsonObjectType.Null,
        ["number"] = JsonObjectType.Number, ["object"] = JsonObjectType.Object, ["string"] = JsonObjectType.String,
    };

    /// <summary>The first way the record breaks the schema, or null when it fits.</summary>
    public RecordViolation? Check(JToken record) => root.Check(record);

    /// <summary>The same check on a record as the reader hands it over, without building a JObject.</summary>
    public RecordViolation? Check(FlatRecord record) => root.Check(record);

    private sealed class Node
    {
        private JsonObjectType types;
        private bool nullable;
        private HashSet<string>? enumeration;
        private IFormatValidator[]? formats;
        private string? format;
        private Property[] properties = [];

        // Per property, where it was in the last record: taps write every record in the same order, so
        // the first probe usually hits. Only the one reading loop checks records, so no locking.
        private int[] recordHints = [];
        private Dictionary<string, Property>? propertyNames;
        private string[] requiredElsewhere = [];
        private bool additionalAllowed = true;
        private Node? additionalSchema;
        private Node? items;
        private Node[] anyOf = [];
        private Node[] allOf = [];
        private Node[] oneOf = [];
        private JsonSchema? delegated;

        // True when a scalar can fail this node only by its type or format: no combinator, enum or
        // required property (which a non-object fails) to weigh. Delegated nodes keep it false.
        private bool checksScalarsAlone;

        public static Node Compile(JsonSchema schema, Dictionary<JsonSchema, Node> compiled)
        {
            if (compiled.TryGetValue(schema, out var existing))
            {
                return existing;
            }

            var node = new Node();
            compiled[schema] = node; // before the children, so a recursive $ref ends here
            if (NeedsNJsonSchema(schema))
            {
                node.delegated = schema;
                return node;
            }

            node.types = schema.Type;
            node.nullable = schema.IsNullable(SchemaType.JsonSchema);
            if (schema.Enumeration.Count > 0)
            {
                // NJsonSchema compares enum members by their text, so 1 and "1" are the same member.
                node.enumeration = schema.Enumeration.Select(v => v?.ToString() ?? "\0null").ToHashSet(StringComparer.Ordinal);
            }

            node.UseFormat(schema.Format);
            node.SetProperties(
                schema.Properties.Select(p => new Property(p.Key, Compile(p.Value.ActualSchema, compiled), p.Value.IsNullable(SchemaType.JsonSchema), p.Value.IsRequired)),
                schema.RequiredProperties);
            node.additionalAllowed = schema.AllowAdditionalProperties;
            node.additionalSchema = schema.AdditionalPropertiesSchema is { } extra ? Compile(extra.ActualSchema, compiled) : null;
            node.items = schema.Item is { } item ? Compile(item.ActualSchema, compiled) : null;
            node.anyOf = schema.AnyOf.Select(s => Compile(s.ActualSchema, compiled)).ToArray();
            node.allOf = schema.AllOf.Select(s => Compile(s.ActualSchema, compiled)).ToArray();
            node.oneOf = schema.OneOf.Select(s => Compile(s.ActualSchema, compiled)).ToArray();
            node.checksScalarsAlone = node.ChecksScalarsAlone();
            return node;
        }

        /// <summary>Checks values of this format, when NJsonSchema's validator knows it (an unknown format checks nothing).</summary>
        private void UseFormat(string? name)
        {
            if (!string.IsNullOrEmpty(name) && FormatValidators.TryGetValue(name, out var validators))
            {
                formats = validators;
                format = name;
            }
        }

        /// <summary>The declared properties, and the required names that none of them declares.</summary>
        private void SetProperties(IEnumerable<Property> declared, IEnumerable<string> required)
        {
            properties = [.. declared];
            propertyNames = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            requiredElsewhere = required.Where(r => !propertyNames.ContainsKey(r)).ToArray();
        }

        /// <summary>A scalar can fail this node only by its type or format: no combinator, enum or required property to weigh.</summary>
        private bool ChecksScalarsAlone() =>
            anyOf.Length == 0 && allOf.Length == 0 && oneOf.Length == 0
            && enumeration is null && requiredElsewhere.Length == 0 && !properties.Any(p => p.Required);

        /// <summary>A node from a subschema's JSON, as <see cref="Compile"/> makes it from NJsonSchema's model; null past the plain keywords.</summary>
        public static Node? CompilePlain(JObject schema)
        {
            foreach (var keyword in schema.Properties())
            {
                if (!PlainKeywords.Contains(keyword.Name))
                {
                    return null;
                }
            }

            var node = new Node();
            if (!TryReadPlainType(schema["type"], out node.types))
            {
                return null;
            }

            // Without enum, oneOf or a reference, NJsonSchema's nullability is the type's null alone.
            node.nullable = node.types.HasFlag(JsonObjectType.Null);
            switch (schema["format"])
            {
                case null:
                    break;
                case JValue { Type: JTokenType.String } given:
                    node.UseFormat((string?)given);
                    break;
                default:
                    return null;
            }

            var required = new List<string>();
            if (schema["required"] is { } names)
            {
                if (names is not JArray list || list.Any(n => n.Type != JTokenType.String))
                {
                    return null;
                }

                required.AddRange(list.Select(n => (string)n!));
            }

            var properties = new List<Property>();
            if (schema["properties"] is { } declared)
            {
                if (declared is not JObject byName)
                {
                    return null;
                }

                foreach (var property in byName.Properties())
                {
                    if (property.Value is not JObject subschema || CompilePlain(subschema) is not { } child)
                    {
                        return null;
                    }

                    properties.Add(new Property(property.Name, child, child.nullable, required.Contains(property.Name)));
                }
            }

            node.SetProperties(properties, required);
            if (schema["additionalProperties"] is JValue { Type: JTokenType.Boolean } allowed)
            {
                node.additionalAllowed = (bool)allowed!;
            }
            else if (!TryCompilePlainChild(schema["additionalProperties"], out node.additionalSchema))
            {
                return null;
            }

            if (!TryCompilePlainChild(schema["items"], out node.items))
            {
                return null;
            }

            node.checksScalarsAlone = node.ChecksScalarsAlone();
            return node;
        }

        /// <summary>A keyword holding one subschema: absent (no node), a plain object (its node), or anything else (false).</summary>
        private static bool TryCompilePlainChild(JToken? keyword, out Node? child)
        {
            child = keyword is JObject subschema ? CompilePlain(subschema) : null;
            return keyword is null || child is not null;
        }

        /// <summary>`type` as one name or a list of names, each one NJsonSchema knows; none: any type.</summary>
        private static bool TryReadPlainType(JToken? type, out JsonObjectType types)
        {
            types = JsonObjectType.None;
            switch (type)
            {
                case null:
                    return true;
                case JValue { Type: JTokenType.String } one:
                    return PlainTypes.TryGetValue((string)one!, out types);
                case JArray { Count: > 0 } several:
                    foreach (var name in several)
                    {
                        if (name.Type != JTokenType.String || !PlainTypes.TryGetValue((string)name!, out var flag))
                        {
                            return false;
                        }

                        types |= flag;
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Keywords taps rarely use: NJsonSchema checks those subschemas itself.</summary>
        private static bool NeedsNJsonSchema(JsonSchema s) =>
            !string.IsNullOrEmpty(s.Pattern) || s.MinLength.HasValue || s.MaxLength.HasValue
            || s.Minimum.HasValue || s.Maximum.HasValue || s.ExclusiveMinimum.HasValue || s.ExclusiveMaximum.HasValue
            || s.MultipleOf.HasValue || s.MinItems > 0 || s.MaxItems > 0 || s.UniqueItems
            || s.MinProperties > 0 || s.MaxProperties > 0 || s.Not is not null || s.PatternProperties.Count > 0
            || s.Items.Count > 0 || s.Type.HasFlag(JsonObjectType.File);

        public RecordViolation? Check(JToken token)
        {
            if (delegated is not null)
            {
                return CheckWithNJsonSchema(token, delegated);
            }

            if (anyOf.Length > 0 && !anyOf.Any(n => n.Check(token) is null))
            {
                return new RecordViolation("", $"matches none of the {anyOf.Length} schemas of anyOf");
            }

            foreach (var part in allOf)
            {
                if (part.Check(token) is { } violation)
                {
                    return violation;
                }
            }

            if (oneOf.Length > 0 && oneOf.Count(n => n.Check(token) is null) != 1)
            {
                return new RecordViolation("", $"does not match exactly one of the {oneOf.Length} schemas of oneOf");
            }

            var isNullAllowed = token.Type == JTokenType.Null && nullable;
            if (!isNullAllowed && types != JsonObjectType.None && !Matches(types, token.Type))
            {
                return new RecordViolation("", $"expected {Describe(types)}, got {Describe(token.Type)}");
            }

            if (formats is not null && IsString(token.Type))
            {
                if (token.Value<string>() is { } value && !FormatShortcuts.CertainlyValid(format!, value) && !IsAnyValid(formats, value, token.Type))
                {
                    return new RecordViolation("", $"not a valid {format}");
                }
            }

            if (enumeration is not null && !isNullAllowed && !enumeration.Contains(token.Type == JTokenType.Null ? "" : token.ToString()))
            {
                return new RecordViolation("", "not one of the values the schema allows (enum)");
            }

            if (items is not null && token is JArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (items.Check(array[i]) is { } violation)
                    {
                        return violation.Under($"[{i}]");
                    }
                }
            }

            return CheckProperties(token);
        }

        /// <summary>
        /// A top-level record: the object itself needs only the property checks, unless the root schema
        /// combines or delegates, which is rare enough to pay for a JObject.
        /// </summary>
        // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public RecordViolation? Check(FlatRecord record)
        {
            if (delegated is not null || anyOf.Length > 0 || allOf.Length > 0 || oneOf.Length > 0 || enumeration is not null
                || (types != JsonObjectType.None && !Has(types, JsonObjectType.Object)))
            {
                return Check(record.ToJObject());
            }

            if (recordHints.Length != properties.Length)
            {
                recordHints = new int[properties.Length];
            }

            for (var p = 0; p < properties.Length; p++)
            {
                var property = properties[p];
                var present = record.TryGetValue(property.Name, ref recordHints[p], out var value);
                if (CheckFlatProperty(property, present, value) is { } violation)
                {
                    return violation;
                }
            }

            foreach (var name in requiredElsewhere)
            {
                if (!record.ContainsKey(name))
                {
                    return new RecordViolation(name, "required, but missing");
                }
            }

            if (additionalSchema is not null || !additionalAllowed)
            {
                for (var i = 0; i < record.Count; i++)
                {
                    var name = record.NameAt(i);
                    if (propertyNames!.ContainsKey(name))
                    {
                        continue;
                    }

                    if (additionalSchema is null)
                    {
                        return new RecordViolation(name, "not in the schema, which allows no other properties");
                    }

                    if (additionalSchema.CheckFlat(record.FlatValueAt(i)) is { } violation)
                    {
                        return violation.Under(name);
                    }
                }
            }

            return null;
        }

        /// <summary>A top-level property of a flat record: a plain scalar is checked as it is, without a JValue.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static RecordViolation? CheckFlatProperty(Property property, bool present, FlatValue value)
        {
            if (!present)
            {
                return property.Required ? new RecordViolation(property.Name, "required, but missing") : null;
            }

            if (value.Type == JTokenType.Null && property.Nullable)
            {
                return null;
            }

            return property.Node.CheckFlat(value)?.Under(property.Name);
        }

        /// <summary>
        /// A value as the flat record holds it. A plain scalar meets only type and format (no other keyword
        /// of a node this simple applies to it); anything else is checked as a token.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private RecordViolation? CheckFlat(FlatValue value)
        {
            if (value.Token is not null || !checksScalarsAlone)
            {
                return Check(value.ToToken());
            }

            var isNullAllowed = value.Type == JTokenType.Null && nullable;
            if (!isNullAllowed && types != JsonObjectType.None && !Matches(types, value.Type))
            {
                return new RecordViolation("", $"expected {Describe(types)}, got {Describe(value.Type)}");
            }

            if (formats is not null && value.Type == JTokenType.String && !CertainlyValidFormat(value)
                && !IsAnyValid(formats, value.Text!, value.Type))
            {
                return new RecordViolation("", $"not a valid {format}");
            }

            return null;
        }

        /// <summary>The format shortcut's yes, read from a string held as UTF-8 without making the string.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool CertainlyValidFormat(FlatValue value)
        {
            if (!value.IsUtf8Text)
            {
                return FormatShortcuts.CertainlyValid(format!, value.Text!);
            }

            // The shapes the shortcuts know are short and ASCII: anything longer goes the long way.
            Span<char> chars = stackalloc char[FormatShortcuts.LongestShape];
            return System.Text.Unicode.Utf8.ToUtf16(value.Utf8Text, chars, out _, out var written) == System.Buffers.OperationStatus.Done
                && FormatShortcuts.CertainlyValid(format!, chars[..written]);
        }

        /// <summary>One declared property of an object, given its value or null when the object lacks it.</summary>
        private static RecordViolation? CheckProperty(Property property, JToken? value)
        {
            if (value is null)
            {
                return property.Required ? new RecordViolation(property.Name, "required, but missing") : null;
            }

            if (value.Type == JTokenType.Null && property.Nullable)
            {
                return null;
            }

            return property.Node.Check(value)?.Under(property.Name);
        }

        private RecordViolation? CheckProperties(JToken token)
        {
            var record = token as JObject;
            if (record is null && Has(types, JsonObjectType.Null))
            {
                return null;
            }

            foreach (var property in properties)
            {
                var value = record is not null && record.TryGetValue(property.Name, out var found) ? found : null;
                if (CheckProperty(property, value) is { } violation)
                {
                    return violation;
                }
            }

            foreach (var name in requiredElsewhere)
            {
                if (record?.ContainsKey(name) != true)
                {
                    return new RecordViolation(name, "required, but missing");
                }
            }

            if (record is not null && (additionalSchema is not null || !additionalAllowed))
            {
                foreach (var extra in record.Properties())
                {
                    if (propertyNames!.ContainsKey(extra.Name))
                    {
                        continue;
                    }

                    if (additionalSchema is null)
                    {
                        return new RecordViolation(extra.Name, "not in the schema, which allows no other properties");
                    }

                    if (additionalSchema.Check(extra.Value) is { } violation)
                    {
                        return violation.Under(extra.Name);
                    }
                }
            }

            return null;
        }

        private static RecordViolation? CheckWithNJsonSchema(JToken token, JsonSchema schema)
        {
            var errors = Validator.Validate(token, schema);
            if (errors.Count == 0)
            {
                return null;
            }

            var first = errors.First();
            var path = first.Path ?? "";
            if (path.StartsWith("#/", StringComparison.Ordinal))
            {
                path = path[2..].Replace('/', '.');
            }

            return new RecordViolation(RelativePath(token, path), $"{first.Kind}");
        }

        /// <summary>NJsonSchema's paths start at the record root; the caller adds the part above this token.</summary>
        private static string RelativePath(JToken token, string path)
        {
            var above = token.Path;
            if (above.Length > 0 && path.StartsWith(above, StringComparison.Ordinal))
            {
                path = path[above.Length..].TrimStart('.');
            }

            return path;
        }

        private static bool IsAnyValid(IFormatValidator[] validators, string value, JTokenType type)
        {
            foreach (var validator in validators)
            {
                if (validator.IsValid(value, type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsString(JTokenType type) =>
            type is JTokenType.String or JTokenType.Date or JTokenType.Guid or JTokenType.TimeSpan or JTokenType.Uri;

        // Masks, not Enum.HasFlag: code the JIT has not optimized yet boxes both sides of every HasFlag call.
        private static bool Matches(JsonObjectType types, JTokenType type) => type switch
        {
            JTokenType.Null => Has(types, JsonObjectType.Null),
            JTokenType.Integer => Has(types, JsonObjectType.Integer | JsonObjectType.Number),
            JTokenType.Float => Has(types, JsonObjectType.Number),
            JTokenType.Boolean => Has(types, JsonObjectType.Boolean),
            JTokenType.Object => Has(types, JsonObjectType.Object),
            JTokenType.Array => Has(types, JsonObjectType.Array),
            _ when IsString(type) => Has(types, JsonObjectType.String),
            _ => false,
        };

        /// <summary>Whether <paramref name="types"/> has any of <paramref name="wanted"/>.</summary>
        private static bool Has(JsonObjectType types, JsonObjectType wanted) => (types & wanted) != 0;

        private static string Describe(JsonObjectType types) =>
            string.Join(" or ", Enum.GetValues<JsonObjectType>()
                .Where(t => t != JsonObjectType.None && types.HasFlag(t))
                .Select(t => t.ToString().ToLowerInvariant()));

        private static string Describe(JTokenType type) => type switch
        {
            JTokenType.Float => "number",
            JTokenType.Date or JTokenType.Guid or JTokenType.TimeSpan or JTokenType.Uri => "string",
            _ => type.ToString().ToLowerInvariant(),
        };

        private sealed record Property(string Name, Node Node, bool Nullable, bool Required);
    }
}
