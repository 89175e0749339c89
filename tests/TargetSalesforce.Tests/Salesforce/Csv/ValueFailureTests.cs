using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Tests.Salesforce.Csv;

/// <summary>A value a field cannot take: the failure quotes it (cut short) and says what the field takes.</summary>
public class ValueFailureTests
{
    private static FieldDescribe Field(string name, string type) => new(name, type, true, true, true, false, false, false, null, []);

    [Test]
    public void A_bad_date_is_quoted_with_the_format_the_field_takes()
    {
        var converted = ValueConverter.TryConvert(RecordValue.Of(ValueKind.String, "31/12/1990"), Field("Birthdate", "date"), out _, out var failure);

        Assert.That(converted, Is.False);
        Assert.That(failure, Does.Contain("'Birthdate'").And.Contain("\"31/12/1990\"").And.Contain("yyyy-MM-dd"));
    }

    [TestCase("boolean", "true or false")]
    [TestCase("datetime", "2026-01-31T09:30:00Z")]
    [TestCase("int", "whole number")]
    [TestCase("double", "a number")]
    public void Each_type_names_its_format(string type, string format)
    {
        ValueConverter.TryConvert(RecordValue.Of(ValueKind.String, "nope"), Field("F", type), out _, out var failure);

        Assert.That(failure, Does.Contain("\"nope\"").And.Contain(format));
    }

    [Test]
    public void A_long_value_is_cut_to_80_characters()
    {
        var value = new string('x', 200);

        ValueConverter.TryConvert(RecordValue.Of(ValueKind.String, value), Field("Birthdate", "date"), out _, out var failure);

        Assert.That(failure, Does.Contain("\"" + new string('x', 79) + "…").And.Not.Contain(new string('x', 81)));
    }
}
