namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// Which references lock their parent record while Salesforce saves a row. Salesforce locks the parent of a
/// master-detail child ("Record-Level Locking", Designing Record Access for Enterprise Scale), Contact, Opportunity and
/// Case inserts and updates lock their Account, and Task and Event saves lock the records their WhoId and WhatId name
/// (the Record Locking Cheatsheet; a Task insert only when it is open and dated, which the target does not weigh: it takes
/// every Task and Event row as locking, so ordering may cost a little where it was not needed, never a lock fight).
/// Describe shows the first (<see cref="FieldDescribe.MasterDetail"/>); the others are known by name. Other lookups are
/// taken as not locking: a lookup's locking depends on its configuration, which describe does not show.
/// </summary>
internal static class ParentLocking
{
    private static readonly string[] AccountChildren = ["Contact", "Opportunity", "Case"];

    private static readonly string[] Activities = ["Task", "Event"];

    /// <summary>
    /// The object whose record a row of <paramref name="objectName"/> locks through <paramref name="field"/>, or null.
    /// For a polymorphic field, <paramref name="type"/> is the parent type the column names (null: not known yet).
    /// </summary>
    public static string? LockedObject(string objectName, FieldDescribe field, string? type = null)
    {
        if (field.ReferenceTo.Count != 1)
        {
            // Polymorphic: which parent is locked depends on the value's type.
            return type is not null && LocksEachParent(objectName, field) ? type : null;
        }

        var locks = field.MasterDetail
            || (field.Name.Equals("AccountId", StringComparison.OrdinalIgnoreCase)
                && AccountChildren.Contains(objectName, StringComparer.OrdinalIgnoreCase))
            || LocksEachParent(objectName, field);
        return locks ? field.ReferenceTo[0] : null;
    }

    /// <summary>True for the activity lookups (Task and Event WhoId and WhatId), whatever their parent's type.</summary>
    public static bool LocksEachParent(string objectName, FieldDescribe field) =>
        Activities.Contains(objectName, StringComparer.OrdinalIgnoreCase)
        && (field.Name.Equals("WhatId", StringComparison.OrdinalIgnoreCase) || field.Name.Equals("WhoId", StringComparison.OrdinalIgnoreCase));
}
