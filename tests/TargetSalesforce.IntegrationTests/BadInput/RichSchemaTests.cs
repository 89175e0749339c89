using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.BadInput;

/// <summary>
/// A stream schema beyond the plain keywords (`$ref` to definitions, `anyOf`, `oneOf`, `allOf`, `pattern`, bounds,
/// `enum`) is read and checked through NJsonSchema, which finds its types by reflection: each kind of violation
/// fails its record naming the property, and the valid records load. Run against the native build too (.ci/run).
/// </summary>
internal sealed class RichSchemaTests : EmulatorTestBase
{
    private static readonly JObject Schema = JObject.Parse("""
        {
          "type": "object",
          "definitions": { "name": { "type": "string", "maxLength": 20 } },
          "properties": {
            "External_Id__c": { "type": "string", "pattern": "^A-[0-9]{5}$" },
            "Name": { "$ref": "#/definitions/name" },
            "Description": { "anyOf": [ { "type": "string" }, { "type": "null" } ] },
            "Phone": { "oneOf": [ { "type": "string", "minLength": 3 }, { "type": "null" } ] },
            "NumberOfEmployees": { "allOf": [ { "type": ["integer", "null"] }, { "minimum": 0, "maximum": 1000 } ] },
            "Industry": { "type": "string", "enum": ["Banking", "Retail"] }
          },
          "required": ["External_Id__c", "Name"]
        }
        """);

    [Test]
    public async Task Each_violation_fails_its_record_naming_the_property_and_the_rest_loads()
    {
        var input = new SingerStream().Schema("Account", Schema, "External_Id__c")
            .Record("Account", new { External_Id__c = "A-00001", Name = "valid", Description = (string?)null, Phone = "555", NumberOfEmployees = 10, Industry = "Banking" })
            .Record("Account", new { External_Id__c = "bad-id", Name = "pattern" })
            .Record("Account", new { External_Id__c = "A-00003", Name = "a name well beyond twenty characters" })
            .Record("Account", new { External_Id__c = "A-00004", Name = "anyOf", Description = 42 })
            .Record("Account", new { External_Id__c = "A-00005", Name = "oneOf", Phone = "55" })
            .Record("Account", new { External_Id__c = "A-00006", Name = "allOf", NumberOfEmployees = 5000 })
            .Record("Account", new { External_Id__c = "A-00007", Name = "enum", Industry = "Mining" })
            .Record("Account", new { External_Id__c = "A-00008", Name = "valid too", Description = "text", Phone = (string?)null })
            .State(new { position = 8 });

        var result = await RunTargetAsync(input, AccountFeed.Upsert(new { allow_failures = true }));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var log = result.Stderr;
        foreach (var (line, property) in new[] { (3, "External_Id__c"), (4, "Name"), (5, "Description"), (6, "Phone"), (7, "NumberOfEmployees"), (8, "Industry") })
        {
            Assert.That(log, Does.Match($"line {line} failed with INVALID_RECORD: does not match the stream's schema: property '{property}'"), $"line {line}");
        }

        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2), "the two valid records load");
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":8}"""));
    }
}
