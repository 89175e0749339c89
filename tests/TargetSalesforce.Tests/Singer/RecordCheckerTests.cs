using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using TargetSalesforce.Singer;
using TargetSalesforce.Singer.Validation;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Singer;

/// <summary>The compiled checker must accept and reject exactly what NJsonSchema does.</summary>
public class RecordCheckerTests
{
    private static readonly JToken[] Replacements =
    [
        JValue.CreateNull(), "x", "", "2024-01-02T03:04:05Z", "2024-01-02", "not-a-date", 1, 1.5m, 1.0m, true,
        new JObject(), new JArray(), new JArray("a"), new JArray(1), new JObject { ["id"] = "x" }, new JObject { ["id"] = 1, ["value"] = 2 },
    ];

    private static readonly string[] OwnSchemas =
    [
        """{"type": "object", "properties": {"status": {"type": "string", "enum": ["new", "done"]}, "n": {"enum": [1, 2, null]}}}""",
        """{"type": "object", "properties": {"when": {"type": ["null", "string"], "format": "date-time"}, "day": {"type": "string", "format": "date"}}}""",
        """{"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id", "other"], "additionalProperties": false}""",
        """{"type": "object", "properties": {"x": {"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]}, "y": {"oneOf": [{"type": "integer"}, {"type": "number"}]}}}""",
        """{"type": "object", "properties": {"x": {"allOf": [{"type": ["string", "null"]}, {"maxLength": 3}]}, "n": {"type": "number", "minimum": 0}}}""",
        """{"type": "object", "properties": {"tags": {"type": ["array", "null"], "items": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}}}}""",
        """{"type": "object", "definitions": {"child": {"type": "object", "properties": {"id": {"type": "integer"}, "value": {"type": ["null", "integer"]}}}}, "properties": {"c": {"$ref": "#/definitions/child"}, "d": {"type": "array", "items": {"$ref": "#/definitions/child"}}}}""",
        """{"type": "object", "properties": {"meta": {"type": "object", "additionalProperties": {"type": "integer"}}, "free": {}}}""",
        """{"type": ["object", "null"], "properties": {"a": {"type": ["boolean", "integer"]}, "b": {"type": "number"}, "c": {"type": "null"}}}""",
    ];

    private static readonly object[][] OwnRecords =
    [
        [new { status = "new", n = 1, when = "2024-01-02T03:04:05Z", day = "2024-01-02", id = 1 }],
        [new { x = 1, y = 2, tags = new[] { new { id = 1 } }, c = new { id = 1, value = 2 }, d = new[] { new { id = 1 } }, a = true, b = 2.5 }],
        [new { meta = new { a = 1, b = 2 }, free = "anything", x = "abcd", n = -1 }],
    ];

    [Test]
    public async Task Agrees_with_NJsonSchema_on_the_conformance_streams_and_their_variants()
    {
        var cases = 0;
        foreach (var name in SharedFiles.ConformanceNames)
        {
            var schemas = new Dictionary<string, StreamSchema>();
            var reader = new MessageReader(NullLogger.Instance, lenient: false);
            await using var input = File.OpenRead(SharedFiles.Conformance(name));
            try
            {
                await foreach (var message in reader.ReadAsync(input))
                {
                    if (message is SchemaMessage schema)
                    {
                        schemas[schema.Stream] = await StreamSchema.LoadAsync(schema, CancellationToken.None);
                    }
                    else if (message is RecordMessage record && schemas.TryGetValue(record.Stream, out var known))
                    {
                        cases += AssertAgreesOnVariants(known, record.Record.ToJObject(), $"{name} line {record.Line}");
                    }
                }
            }
            catch (SingerInputException)
            {
                // invalid_schema: not a usable schema, nothing to compare.
            }
        }

        Assert.That(cases, Is.GreaterThan(1000));
    }

    [Test]
    public async Task Agrees_with_NJsonSchema_on_schemas_with_every_supported_keyword()
    {
        var cases = 0;
        foreach (var json in OwnSchemas)
        {
            var schema = await Load(json);
            foreach (var sample in OwnRecords)
            {
                cases += AssertAgreesOnVariants(schema, JObject.FromObject(sample[0]), json);
            }
        }

        Assert.That(cases, Is.GreaterThan(1000));
    }

    [Test]
    public async Task Plain_schemas_compile_from_their_json_and_the_rest_from_NJsonSchemas_model()
    {
        // The agreement tests above check whichever checker a schema gets: these say which one that is.
        var plain = OwnSchemas.Select(json => RecordChecker.CompilePlain(JObject.Parse(json)) is not null).ToArray();
        Assert.That(plain, Is.EqualTo(new[] { false, true, true, false, false, true, false, true, true }), "enum, anyOf/oneOf, allOf with maxLength, $ref: the model");

        var conformancePlain = 0;
        foreach (var name in SharedFiles.ConformanceNames)
        {
            await foreach (var line in File.ReadLinesAsync(SharedFiles.Conformance(name)))
            {
                if (line.Contains("\"type\": \"SCHEMA\"", StringComparison.Ordinal) || line.Contains("\"type\":\"SCHEMA\"", StringComparison.Ordinal))
                {
                    conformancePlain += JObject.Parse(line)["schema"] is JObject schema && RecordChecker.CompilePlain(schema) is not null ? 1 : 0;
                }
            }
        }

        Assert.That(conformancePlain, Is.GreaterThan(10), "the conformance streams' plain schemas take the plain path");
        Assert.That(RecordChecker.CompilePlain(JObject.Parse("""{"type":"object","properties":{"a":{"type":"string","maxLength":3}}}""")), Is.Null);
        Assert.That(RecordChecker.CompilePlain(JObject.Parse("""{"type":"object","properties":{"a":{"type":"strin"}}}""")), Is.Null, "an unknown type is NJsonSchema's to refuse");
    }

    [Test]
    public async Task Names_the_property_and_the_reason()
    {
        var schema = await Load("""{"type": "object", "properties": {"info": {"type": "object", "properties": {"n": {"type": "integer"}}}, "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["id"]}""");

        Assert.Multiple(() =>
        {
            Assert.That(schema.Checker.Check(JObject.Parse("""{"id": 1, "info": {"n": "x"}}"""))?.ToString(),
                Is.EqualTo("property 'info.n': expected integer, got string"));
            Assert.That(schema.Checker.Check(JObject.Parse("""{"id": 1, "tags": ["a", 2]}"""))?.ToString(),
                Is.EqualTo("property 'tags[1]': expected string, got integer"));
            Assert.That(schema.Checker.Check(JObject.Parse("""{"info": {}}"""))?.ToString(),
                Is.EqualTo("property 'id': required, but missing"));
            Assert.That(schema.Checker.Check(JObject.Parse("""{"id": 1}""")), Is.Null);
        });
    }

    [TestCase("""{"type": "object"}""", "no 'properties'")]
    [TestCase("""{"type": "string", "properties": {}}""", "a record is a JSON object")]
    [TestCase("""{"type": "object", "properties": {"a": {"$ref": "http://example.com/schema.json"}}}""", "only references inside the schema")]
    public void Refuses_a_schema_that_cannot_describe_records(string json, string reason)
    {
        var message = new SchemaMessage(9, "orders", JObject.Parse(json), []);

        Assert.That(() => StreamSchema.LoadAsync(message, CancellationToken.None),
            Throws.TypeOf<SingerInputException>().With.Message.StartsWith("line 9: SCHEMA of stream 'orders' is not a usable JSON schema").And.Message.Contains(reason));
    }

    private static async Task<StreamSchema> Load(string json) =>
        await StreamSchema.LoadAsync(new SchemaMessage(1, "s", JObject.Parse(json), []), CancellationToken.None);

    private static int AssertAgreesOnVariants(StreamSchema schema, JObject record, string where)
    {
        var cases = 0;
        foreach (var variant in Variants(record, schema.Properties))
        {
            var expected = schema.Schema.Validate(variant).Count == 0;
            var violation = schema.Checker.Check(variant);
            Assert.That(violation is null, Is.EqualTo(expected),
                $"{where}: checker says {violation?.ToString() ?? "valid"}, NJsonSchema says {(expected ? "valid" : "invalid")} for {variant.ToString(Newtonsoft.Json.Formatting.None)}");

            // The pipeline checks records in their flat form: it must reach the same verdict, for the same reason.
            var flat = schema.Checker.Check(FlatRecord.From(variant));
            Assert.That(flat, Is.EqualTo(violation), $"{where}: the flat record's verdict differs for {variant.ToString(Newtonsoft.Json.Formatting.None)}");
            cases++;
        }

        return cases;
    }

    /// <summary>The record, and each property (of the record or the schema, one level down too) removed or replaced by each kind of value.</summary>
    private static IEnumerable<JObject> Variants(JObject record, IReadOnlyList<string> schemaProperties)
    {
        yield return record;
        var extra = (JObject)record.DeepClone();
        extra["zz_extra"] = 1;
        yield return extra;
        var names = record.Properties().Select(p => p.Name).Union(schemaProperties).ToList();
        foreach (var name in names)
        {
            var without = (JObject)record.DeepClone();
            without.Remove(name);
            yield return without;
            foreach (var replacement in Replacements)
            {
                var changed = (JObject)record.DeepClone();
                changed[name] = replacement.DeepClone();
                yield return changed;
            }

            if (record[name] is JObject inner)
            {
                foreach (var innerVariant in Variants(inner, []))
                {
                    var nested = (JObject)record.DeepClone();
                    nested[name] = innerVariant;
                    yield return nested;
                }
            }
        }
    }
}
