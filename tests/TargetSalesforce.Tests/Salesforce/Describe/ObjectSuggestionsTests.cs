using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Tests.Salesforce.Describe;

public class ObjectSuggestionsTests
{
    private static readonly (string Name, string Label, string Plural)[] Org =
    [
        ("Account", "Account", "Accounts"),
        ("Contact", "Contact", "Contacts"),
        ("Opportunity", "Opportunity", "Opportunities"),
        ("Invoice__c", "Invoice", "Invoices"),
    ];

    [TestCase("contacts", "Contact")]
    [TestCase("opportunities", "Opportunity")]
    [TestCase("invoice", "Invoice__c")]
    [TestCase("Acount", "Account")]
    public void The_closest_object_is_found_by_api_name_label_or_plural_label(string typed, string expected) =>
        Assert.That(ObjectSuggestions.Closest(typed, Org).Select(o => o.Name).First(), Is.EqualTo(expected));

    [Test]
    public void A_name_close_to_nothing_suggests_nothing() =>
        Assert.That(ObjectSuggestions.Closest("crm_people", Org), Is.Empty);
}
