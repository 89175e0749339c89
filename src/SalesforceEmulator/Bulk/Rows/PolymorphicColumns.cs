using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// What is wrong with a column (or a REST record's nested parent) that names a polymorphic reference's type, in the
/// words of the job failure ("InvalidBatch : …"); a REST write answers the same text, without the prefix, as
/// INVALID_FIELD. Texts marked UNVERIFIED in the emulator's README are our choice where Salesforce documents only that
/// the batch fails.
/// </summary>
public static class PolymorphicColumns
{
    // Observed on real orgs (Bulk API 2.0): a type on a reference with one target, a relationship the object lacks.
    public static string TypeNotNeeded(SObjectField reference) =>
        $"InvalidBatch : type is not needed for non polymorphic foreign key references: {reference.Definition.RelationshipName}";

    public static string UnknownRelationship(string relationship) => $"InvalidBatch : Unable to find relationship: {relationship}";

    // UNVERIFIED: the Bulk guide says only that the batch fails when a polymorphic field's column has no type.
    public static string TypeNeeded(SObjectField reference) =>
        $"InvalidBatch : type is needed for polymorphic foreign key references: {reference.Definition.RelationshipName}";

    // UNVERIFIED: a type the reference cannot point at (not in its referenceTo, or not an object of the org).
    public static string TypeNotAllowed(string typeName, SObjectField reference) =>
        $"InvalidBatch : {typeName} is not a valid type for the polymorphic foreign key reference {reference.Definition.RelationshipName}" +
        $" (it may point to {string.Join(", ", reference.Definition.ReferenceTo)})";

    // UNVERIFIED: a row that fills two typed columns of one reference (Account:What.X and Opportunity:What.X).
    public static string SeveralTypesInRow(SObjectField reference) =>
        $"INVALID_FIELD:More than one foreign key reference given for {reference.Name}; fill one {reference.Definition.RelationshipName} column a row:{reference.Name} --";
}
