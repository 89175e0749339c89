using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>Query error messages in the real layout: the query, a caret under the problem, its row and column.</summary>
public static class SoqlErrors
{
    public static string Located(string query, int column, string problem)
    {
        var line = query.ReplaceLineEndings(" ");
        return $"\n{line}\n{new string(' ', Math.Max(0, column - 1))}^\nERROR at Row:1:Column:{column}\n{problem}";
    }

    public static SoqlException UnknownObject(string query, SoqlName name) =>
        new("INVALID_TYPE", Located(query, name.Column,
            $"sObject type '{name.Text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."));

    public static SoqlException UnknownField(string query, SoqlName name, string objectName) =>
        new("INVALID_FIELD", Located(query, name.Column,
            $"No such column '{name.Text}' on entity '{objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."));

    public static SoqlException UnknownRelationship(string query, SoqlName name, string relationship) =>
        new("INVALID_FIELD", Located(query, name.Column,
            $"Didn't understand relationship '{relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."));

    /// <summary>A literal of the wrong kind for its field (quoted for a number, bare for a string).</summary>
    public static SoqlException WrongLiteral(string query, int column, SObjectField field, bool textual) =>
        new("INVALID_FIELD", Located(query, Math.Max(1, column),
            $"value of filter criterion for field '{field.Name}' must be of type {field.Type.ApiName()} and should {(textual ? "" : "not ")}be enclosed in quotes"));

    /// <summary>An operator the field's type does not take (LIKE on a number, &lt; on a boolean).</summary>
    public static SoqlException InvalidOperator(string query, int column, string operatorText, SObjectField field) =>
        new("INVALID_FIELD", Located(query, Math.Max(1, column),
            $"invalid operator on field '{field.Name}': {operatorText} cannot be used on a field of type {field.Type.ApiName()}"));
}
