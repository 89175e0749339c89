namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// Which references lock their parent record while Salesforce saves a row. Salesforce locks the parent of a
/// master-detail child ("Record-Level Locking", Designing Record Access for Enterprise Scale), and Contact,
/// Opportunity and Case inserts and updates lock their Account (the Record Locking Cheatsheet). Describe shows the
/// first (<see cref="FieldDescribe.MasterDetail"/>); the second is known by name. Other lookups are taken as not
/// locking: a lookup's locking depends on its configuration, which describe does not show.
/// </summary>
internal static class ParentLocking
{
    private static readonly string[] AccountChildren = ["Contact", "Opportunity", "Case"];

    /// <summary>The object whose record a row of <paramref name="objectName"/> locks through <paramref name="field"/>, or null.</summary>
    public static string? LockedObject(string objectName, FieldDescribe field)
    {
        if (field.ReferenceTo.Count != 1)
        {
            return null; // polymorphic: which parent is locked depends on the value
        }

        var locks = field.MasterDetail
            || (field.Name.Equals("AccountId", StringComparison.OrdinalIgnoreCase)
                && AccountChildren.Contains(objectName, StringComparer.OrdinalIgnoreCase));
        return locks ? field.ReferenceTo[0] : null;
    }
}
