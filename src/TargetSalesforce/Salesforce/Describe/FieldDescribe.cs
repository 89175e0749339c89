namespace TargetSalesforce.Salesforce.Describe;

/// <summary>The parts of a field's describe that decide what a load may write and how values are encoded.</summary>
internal sealed record FieldDescribe(
    string Name,
    string Type,
    bool Createable,
    bool Updateable,
    bool Nillable,
    bool DefaultedOnCreate,
    bool ExternalId,
    bool IdLookup,
    string? RelationshipName,
    IReadOnlyList<string> ReferenceTo)
{
    /// <summary>A master-detail relationship (describe: <c>cascadeDelete</c>, or a <c>relationshipOrder</c>).</summary>
    public bool MasterDetail { get; init; }

    /// <summary>For a component of an address or geolocation (`BillingStreet`): the compound field it is part of (`BillingAddress`).</summary>
    public string? CompoundFieldName { get; init; }

    /// <summary>An insert without it fails, since Salesforce supplies no default.</summary>
    public bool RequiredOnInsert => Createable && !Nillable && !DefaultedOnCreate;

    /// <summary>Usable as an upsert key or as the key of a relationship column.</summary>
    public bool IsKey => ExternalId || IdLookup;
}
