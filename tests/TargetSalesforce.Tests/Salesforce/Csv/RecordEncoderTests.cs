using System.Text;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Salesforce.Csv;

public class RecordEncoderTests
{
    private static FieldDescribe Field(string name, string type) => new(name, type, true, true, true, false, false, false, null, []);

    private static FieldMap Map(LoadAction action, params (string Header, string Type)[] columns)
    {
        var mapped = columns.Select(c => new MappedColumn(c.Header, c.Header, null, Field(c.Header, c.Type))).ToList();
        var key = action switch
        {
            LoadAction.Insert => -1,
            LoadAction.Upsert => mapped.FindIndex(c => c.Header == "Ext__c"),
            _ => mapped.FindIndex(c => c.Header == "Id"),
        };
        return new FieldMap(new ObjectOperation("Contact", action, action == LoadAction.Upsert ? "Ext__c" : "Id"), "Contact", mapped, key);
    }

    /// <summary>Records as the pipeline reads them: dates stay strings, decimals keep their digits.</summary>
    private static SingerRecordView Record(string json) => new SingerRecordView(JsonLine.ParseRecord(json));

    /// <summary>
    /// The same record as the fast path reads it: strings and numbers held as their UTF-8 text, which the encoder
    /// copies or parses itself (the general path above hands it .NET strings and numbers).
    /// </summary>
    private static SingerRecordView FastRecord(string json)
    {
        var record = new RecordLineParser().TryParseRecord(Encoding.UTF8.GetBytes(json));
        Assert.That(record, Is.Not.Null, $"the fast path declined {json}");
        return new SingerRecordView(record!);
    }

    /// <summary>Whether the fast path reads this record (it leaves exponents, huge integers and the like to the general path).</summary>
    private static bool FastPathTakes(string json) => new RecordLineParser().TryParseRecord(Encoding.UTF8.GetBytes(json)) is not null;

    private static string Cell(string type, string jsonValue, LoadAction action = LoadAction.Insert, bool fastPath = false)
    {
        var json = $$"""{"F": {{jsonValue}}}""";
        var encoded = new RecordEncoder(Map(action, ("F", type))).Encode(fastPath ? FastRecord(json) : Record(json));
        Assert.That(encoded.IsRejected, Is.False, encoded.Rejection?.Message);
        return Encoding.UTF8.GetString(encoded.Row.Span);
    }

    private static RecordRejection Rejection(string type, string jsonValue)
    {
        var encoded = new RecordEncoder(Map(LoadAction.Insert, ("F", type))).Encode(Record($$"""{"F": {{jsonValue}}}"""));
        Assert.That(encoded.IsRejected, Is.True);
        return encoded.Rejection!;
    }

    [TestCase("boolean", "true", "true\n")]
    [TestCase("boolean", "false", "false\n")]
    [TestCase("boolean", "\"TRUE\"", "true\n")]
    [TestCase("boolean", "0", "false\n")]
    [TestCase("date", "\"2024-03-05\"", "2024-03-05\n")]
    [TestCase("date", "\"2024-03-05T23:30:00-05:00\"", "2024-03-05\n")]
    [TestCase("datetime", "\"2024-03-05T23:30:00-05:00\"", "2024-03-06T04:30:00.000Z\n")]
    [TestCase("datetime", "\"2024-03-05T10:00:00.98765Z\"", "2024-03-05T10:00:00.987Z\n")]
    [TestCase("datetime", "\"2024-03-05\"", "2024-03-05T00:00:00.000Z\n")]
    [TestCase("datetime", "\"2024-03-05T10:00:00\"", "2024-03-05T10:00:00.000Z\n")]
    [TestCase("double", "1e21", "1000000000000000000000\n")]
    [TestCase("double", "12345678901234567890.123456789", "12345678901234567890.123456789\n")]
    [TestCase("currency", "0.1", "0.1\n")]
    [TestCase("percent", "\"7.50\"", "7.50\n")]
    [TestCase("int", "123456789012345678901234567890", "123456789012345678901234567890\n")]
    [TestCase("int", "42.0", "42\n")]
    [TestCase("double", "-7", "-7\n")]
    [TestCase("multipicklist", "[\"Red\",\"Green\",\"Blue\"]", "Red;Green;Blue\n")]
    [TestCase("multipicklist", "\"Red;Green\"", "Red;Green\n")]
    [TestCase("string", "\"plain\"", "plain\n")]
    [TestCase("string", "12.5", "12.5\n")]
    [TestCase("string", "true", "true\n")]
    [TestCase("string", "\"a,b\"", "\"a,b\"\n")]
    [TestCase("string", "\"say \\\"hi\\\"\"", "\"say \"\"hi\"\"\"\n")]
    [TestCase("textarea", "\"one\\r\\ntwo\\rthree\\nfour\"", "\"one\ntwo\nthree\nfour\"\n")]
    [TestCase("string", "\"  spaced  \"", "  spaced  \n")]
    [TestCase("string", "\"ünïcødé ✓\"", "ünïcødé ✓\n")]
    [TestCase("string", "\"tab\\tquote\\\"comma,\\u00e9\\ud83d\\ude80\"", "\"tab\tquote\"\"comma,é🚀\"\n")]
    [TestCase("string", "\"\\r\"", "\"\n\"\n")]
    [TestCase("string", "\"end\\r\\n\"", "\"end\n\"\n")]
    [TestCase("string", "\"\"", "\n")]
    [TestCase("date", "\"2024-02-30\"", null)]
    [TestCase("date", "\"２０２４-03-05\"", null)]
    [TestCase("id", "\"003000000000001AAA\"", "003000000000001AAA\n")]
    [TestCase("int", "-99999999999999999", "-99999999999999999\n")]
    [TestCase("int", "999999999999999999", "999999999999999999\n")]
    [TestCase("int", "1000000000000000000", "1000000000000000000\n")]
    [TestCase("double", "-0.50", "-0.50\n")]
    [TestCase("double", "1234567890123456789012345678.9", "1234567890123456789012345678.9\n")]
    [TestCase("string", "7", "7\n")]
    [TestCase("boolean", "1", "true\n")]
    public void Converts_by_describe_type(string type, string json, string? expected)
    {
        // Both ways of reading a record give the same cell: the general path's strings and the fast path's UTF-8 text.
        var fastPath = FastPathTakes($$"""{"F": {{json}}}""");
        if (expected is null)
        {
            Assert.That(Rejection(type, json).ErrorCode, Is.EqualTo(RecordEncoder.ConversionFailed));
            var fast = new RecordEncoder(Map(LoadAction.Insert, ("F", type))).Encode(FastRecord($$"""{"F": {{json}}}"""));
            Assert.That(fast.Rejection, Is.EqualTo(Rejection(type, json)));
            return;
        }

        Assert.Multiple(() =>
        {
            Assert.That(Cell(type, json), Is.EqualTo(expected), "general path");
            if (fastPath)
            {
                Assert.That(Cell(type, json, fastPath: true), Is.EqualTo(expected), "fast path");
            }
        });
    }

    [Test]
    public void The_fast_paths_key_and_parent_lock_are_strings_of_the_records_text()
    {
        var map = Map(LoadAction.Upsert, ("Ext__c", "string"), ("Note", "textarea"));
        var general = new RecordEncoder(map).Encode(Record("""{"Ext__c":"K-\u00e9,1","Note":"x"}"""));
        var fast = new RecordEncoder(map).Encode(FastRecord("""{"Ext__c":"K-\u00e9,1","Note":"x"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(fast.Key, Is.EqualTo("K-é,1"));
            Assert.That(fast.Key, Is.EqualTo(general.Key));
            Assert.That(Encoding.UTF8.GetString(fast.Row.Span), Is.EqualTo("\"K-é,1\",x\n"));
            Assert.That(fast.Row.ToArray(), Is.EqualTo(general.Row.ToArray()));
        });
    }

    [TestCase("boolean", "\"yes\"", "string")]
    [TestCase("boolean", "2", "integer")]
    [TestCase("date", "\"31/01/2024\"", "string")]
    [TestCase("date", "true", "boolean")]
    [TestCase("datetime", "12", "integer")]
    [TestCase("int", "1.5", "number")]
    [TestCase("double", "\"12 apples\"", "string")]
    [TestCase("double", "{\"a\":1}", "object")]
    [TestCase("string", "[1,2]", "array")]
    [TestCase("multipicklist", "[\"a\",{\"b\":1}]", "array")]
    public void A_value_the_field_cannot_take_rejects_the_record_naming_field_and_json_type(string type, string json, string jsonType)
    {
        var rejection = Rejection(type, json);

        Assert.That(rejection.ErrorCode, Is.EqualTo(RecordEncoder.ConversionFailed));
        Assert.That(rejection.Message, Does.Contain("'F'").And.Contain($"({type})").And.Contain($"JSON {jsonType}"));
    }

    [Test]
    public void A_rejection_quotes_the_value_so_the_user_can_find_it_in_the_tap()
    {
        // Issue 13: "cannot take the JSON string it was given" left the user guessing which value.
        var rejection = Rejection("date", "\"jane.doe@mail.example\"");
        Assert.That(rejection.Message, Does.Contain("\"jane.doe@mail.example\"").And.Contain("yyyy-MM-dd"));
    }

    [Test]
    public void Null_clears_on_update_and_upsert_is_empty_on_insert_and_absent_is_empty()
    {
        string Row(LoadAction action, string json) =>
            Encoding.UTF8.GetString(new RecordEncoder(Map(action, ("Id", "id"), ("Ext__c", "string"), ("Phone", "phone"), ("Email", "email"))).Encode(Record(json)).Row.Span);

        Assert.That(Row(LoadAction.Update, """{"Id":"003A","Phone":null}"""), Is.EqualTo("003A,,#N/A,\n"));
        Assert.That(Row(LoadAction.Upsert, """{"Ext__c":"E-1","Phone":null,"Email":"a@b.c"}"""), Is.EqualTo(",E-1,#N/A,a@b.c\n"));
        Assert.That(Row(LoadAction.Insert, """{"Phone":null,"Email":"a@b.c"}"""), Is.EqualTo(",,,a@b.c\n"));
    }

    [Test]
    public void Properties_match_columns_case_insensitively()
    {
        var encoded = new RecordEncoder(Map(LoadAction.Insert, ("LastName", "string"))).Encode(Record("""{"lastname":"Smith"}"""));
        Assert.That(Encoding.UTF8.GetString(encoded.Row.Span), Is.EqualTo("Smith\n"));
    }

    [TestCase(LoadAction.Update, "003A")]
    [TestCase(LoadAction.Delete, "003A")]
    [TestCase(LoadAction.HardDelete, "003A")]
    [TestCase(LoadAction.Upsert, "E-1")]
    [TestCase(LoadAction.Insert, null)]
    public void The_key_is_the_id_or_the_external_id(LoadAction action, string? expected)
    {
        var encoded = new RecordEncoder(Map(action, ("Id", "id"), ("Ext__c", "string"))).Encode(Record("""{"Id":"003A","Ext__c":"E-1"}"""));
        Assert.That(encoded.Key, Is.EqualTo(expected));
    }

    [TestCase(LoadAction.Update, """{"Name":"x"}""")]
    [TestCase(LoadAction.Delete, """{"Id":null}""")]
    [TestCase(LoadAction.HardDelete, """{"Id":""}""")]
    [TestCase(LoadAction.Upsert, """{"Id":"003A"}""")]
    public void A_record_without_its_key_is_rejected(LoadAction action, string json)
    {
        var encoded = new RecordEncoder(Map(action, ("Id", "id"), ("Ext__c", "string"))).Encode(Record(json));

        Assert.That(encoded.IsRejected, Is.True);
        Assert.That(encoded.Rejection!.ErrorCode, Is.EqualTo(RecordEncoder.MissingKey));
    }

    [Test]
    public void Upsert_on_id_without_an_id_is_an_insert_row_with_an_empty_id_cell()
    {
        var map = new FieldMap(new ObjectOperation("Contact", LoadAction.Upsert, "Id"), "Contact",
            [new MappedColumn("Id", "Id", null, Field("Id", "id")), new MappedColumn("LastName", "LastName", null, Field("LastName", "string"))], 0);

        var encoded = new RecordEncoder(map).Encode(Record("""{"Id":null,"LastName":"Smith"}"""));

        Assert.That(Encoding.UTF8.GetString(encoded.Row.Span), Is.EqualTo(",Smith\n"));
        Assert.That(encoded.Key, Is.Null);
    }

    [Test]
    public void A_relationship_column_takes_the_nested_key_value()
    {
        var parentKey = new FieldDescribe("External_Id__c", "string", true, true, true, false, true, false, null, []);
        var map = new FieldMap(new ObjectOperation("Contact", LoadAction.Insert, "Id"), "Contact",
            [new MappedColumn("Account.External_Id__c", "Account", "External_Id__c", parentKey)], -1);
        var encoder = new RecordEncoder(map);

        Assert.That(Encoding.UTF8.GetString(encoder.Encode(Record("""{"account":{"external_id__c":"A-1"}}""")).Row.Span), Is.EqualTo("A-1\n"));
        Assert.That(Encoding.UTF8.GetString(encoder.Encode(Record("""{"Account.External_Id__c":"A-2"}""")).Row.Span), Is.EqualTo("A-2\n"));
        Assert.That(encoder.Encode(Record("""{"Account":"A-3"}""")).Rejection!.Message, Does.Contain("'Account'").And.Contain("JSON string"));
        Assert.That(encoder.Header(), Is.EqualTo("Account.External_Id__c\n"u8.ToArray()));
    }

    [Test]
    public void Date_tokens_parsed_by_newtonsoft_are_converted_too()
    {
        var record = JObject.Parse("""{"F":"2024-03-05T23:30:00-05:00"}"""); // default settings turn the string into a Date token
        var encoded = new RecordEncoder(Map(LoadAction.Insert, ("F", "datetime"))).Encode(new SingerRecordView(FlatRecord.From(record)));

        Assert.That(Encoding.UTF8.GetString(encoded.Row.Span), Is.EqualTo("2024-03-06T04:30:00.000Z\n"));
    }
}
