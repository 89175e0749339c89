namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// How a record's address or geolocation object names the components of a compound field: by the component's own
/// name (`BillingStreet`, `Location__Latitude__s`) or by its part alone (`street`, `latitude`), ignoring case.
/// </summary>
internal static class CompoundComponents
{
    /// <summary>
    /// The part of <paramref name="component"/>'s name that follows what it shares with its compound field, without the
    /// `__s` of a custom geolocation's components: `BillingAddress`/`BillingPostalCode` → `PostalCode`, `Location__c`/
    /// `Location__Latitude__s` → `Latitude`, Lead's `Address`/`Street` → `Street`.
    /// </summary>
    public static string PartName(string compound, string component)
    {
        var shared = 0;
        while (shared < compound.Length && shared < component.Length
               && char.ToUpperInvariant(compound[shared]) == char.ToUpperInvariant(component[shared]))
        {
            shared++;
        }

        var part = component[shared..];
        return part.EndsWith("__s", StringComparison.OrdinalIgnoreCase) ? part[..^3] : part;
    }

    /// <summary>The component a record's <paramref name="key"/> names, or null when none does.</summary>
    public static FieldDescribe? Find(string compound, IReadOnlyList<FieldDescribe> components, string key) =>
        components.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase))
        ?? components.FirstOrDefault(c => string.Equals(PartName(compound, c.Name), key, StringComparison.OrdinalIgnoreCase));
}
