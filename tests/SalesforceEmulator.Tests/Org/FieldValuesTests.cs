using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class FieldValuesTests
{
    private static SObjectField Field(string type, int? scale = null) =>
        new(new FieldDefinition { Name = "F", Type = type, Scale = scale, Precision = scale is null ? null : 18 }, 1, custom: false, "Test");

    [TestCase("int", "42", null)]
    [TestCase("int", "+42", "42")]
    [TestCase("int", "007", "7")]
    [TestCase("int", "-0", "0")]
    [TestCase("double", "1.5", null)]
    [TestCase("double", "1.50", "1.5")]
    [TestCase("double", "1e3", "1000")]
    [TestCase("boolean", "true", "true")]
    [TestCase("boolean", "TRUE", "true")]
    [TestCase("boolean", "0", "false")]
    [TestCase("date", "2024-02-29", null)]
    [TestCase("datetime", "2024-01-01T00:00:01.001Z", "2024-01-01T00:00:01.001+0000")]
    [TestCase("datetime", "2024-01-01T02:00:00+02:00", "2024-01-01T00:00:00.000+0000")]
    [TestCase("datetime", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000+0000")]
    [TestCase("id", "001000000000001", "001000000000001AAA")]
    [TestCase("id", "001000000000001AAA", null)]
    [TestCase("string", "as uploaded ", null)]
    public void The_stored_form_is_given_only_when_it_differs_from_the_text(string type, string raw, string? expected)
    {
        var problem = FieldValues.Normalize(Field(type), raw.AsSpan(), out var converted);

        Assert.That(problem, Is.EqualTo(ValueProblem.None));
        Assert.That(converted, Is.EqualTo(expected));
        FieldValues.Normalize(Field(type), raw, out var stored);
        Assert.That(stored, Is.EqualTo(expected ?? raw), "the string form agrees");
    }

    [Test]
    public void Currency_is_rounded_to_its_scale()
    {
        FieldValues.Normalize(Field("currency", scale: 2), "10.005".AsSpan(), out var converted);

        Assert.That(converted, Is.EqualTo("10.01"));
    }

    [TestCase("int", "4.2", ValueProblem.NotValidForType)]
    [TestCase("boolean", "yes", ValueProblem.NotValidForType)]
    [TestCase("date", "2024-2-29", ValueProblem.NotValidForType)]
    [TestCase("datetime", "2024-01-01T00:00:00", ValueProblem.NotValidForType)]
    [TestCase("id", "not-an-id", ValueProblem.MalformedId)]
    [TestCase("email", "a@b", ValueProblem.InvalidEmail)]
    [TestCase("email", "a b@c.d", ValueProblem.InvalidEmail)]
    public void Bad_values_name_their_problem(string type, string raw, ValueProblem expected)
    {
        Assert.That(FieldValues.Normalize(Field(type), raw.AsSpan(), out _), Is.EqualTo(expected));
    }
    [TestCase("Red", ValueProblem.None)]
    [TestCase("Red;Blue", ValueProblem.None)]
    [TestCase("Red;Green", ValueProblem.NotInRestrictedPicklist)]
    [TestCase("red", ValueProblem.NotInRestrictedPicklist)]
    [TestCase("Red;", ValueProblem.NotInRestrictedPicklist)]
    [TestCase("Old", ValueProblem.NotInRestrictedPicklist)]
    public void A_restricted_multi_select_picklist_takes_only_active_values(string raw, ValueProblem expected)
    {
        var field = new SObjectField(new FieldDefinition
        {
            Name = "Colours__c", Type = "multipicklist", RestrictedPicklist = true,
            PicklistValues =
            [
                new PicklistValueDefinition { Value = "Red", Active = true },
                new PicklistValueDefinition { Value = "Blue", Active = true },
                new PicklistValueDefinition { Value = "Old", Active = false },
            ],
        }, 1, custom: true, "Test");

        Assert.That(FieldValues.Normalize(field, raw.AsSpan(), out _), Is.EqualTo(expected));
    }
}
