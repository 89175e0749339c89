using TargetSalesforce.Destination;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>
/// What `--test-connection` finds for one configured stream: the object exists, the action is
/// allowed on it, and an upsert key is a field that can key an upsert (External ID or idLookup),
/// the same rules the run's field mapping applies, so a passing check predicts a run that starts.
/// </summary>
/// <param name="Source">Where the config names it: `streams.contacts`, `table_name`, a catalog stream.</param>
/// <param name="Operation">The object, action and key the run would use.</param>
/// <param name="Problem">Null when every check passed.</param>
internal sealed record TargetCheck(string Source, ObjectOperation Operation, string? Problem)
{
    public static TargetCheck Of(string source, ObjectOperation operation, ObjectDescribe describe) =>
        new(source, operation, ProblemWith(operation, describe));

    private static string? ProblemWith(ObjectOperation operation, ObjectDescribe describe)
    {
        var (allowed, needs) = operation.Action switch
        {
            LoadAction.Insert => (describe.Createable, "createable"),
            LoadAction.Update => (describe.Updateable, "updateable"),
            LoadAction.Upsert => (describe.Createable && describe.Updateable, "createable and updateable"),
            _ => (describe.Deletable, "deletable"),
        };
        if (!allowed)
        {
            return $"{describe.Name} is not {needs} for this user, so {FieldMapper.ActionName(operation.Action)} cannot load it";
        }

        if (operation.Action != LoadAction.Upsert)
        {
            return null;
        }

        var key = describe.Field(operation.ExternalIdField);
        if (key is null)
        {
            return $"the upsert key {operation.ExternalIdField} is not a field of {describe.Name}";
        }

        return key.IsKey
            ? null
            : $"the upsert key {key.Name} is not an External ID (or idLookup) field of {describe.Name}; upsert needs one";
    }
}
