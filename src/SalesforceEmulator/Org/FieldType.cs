namespace SalesforceEmulator.Org;

/// <summary>The describe `type` of a field, as far as the emulator checks and stores values.</summary>
public enum FieldType
{
    Id,
    String,
    Textarea,
    Email,
    Phone,
    Url,
    Combobox,
    Picklist,
    Multipicklist,
    Boolean,
    Int,
    Double,
    Currency,
    Percent,
    Date,
    DateTime,
    Reference,

    /// <summary>A compound address (BillingAddress): read-only, its parts are the fields naming it as compoundFieldName.</summary>
    Address,

    /// <summary>A compound geolocation (a custom Location__c): read-only like an address, written through its latitude and longitude.</summary>
    Location,
}

public static class FieldTypes
{
    private static readonly Dictionary<string, FieldType> ByName = Enum.GetValues<FieldType>()
        .ToDictionary(t => t.ToString(), t => t, StringComparer.OrdinalIgnoreCase);

    public static FieldType Parse(string name, string where) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidDataException($"{where}: unknown field type '{name}' (one of {string.Join(", ", ByName.Keys.Select(k => k.ToLowerInvariant()))}).");

    /// <summary>The describe name: lower case, as the real API writes it.</summary>
    public static string ApiName(this FieldType type) => type.ToString().ToLowerInvariant();

    /// <summary>The SOAP type, which also names the type in "not a valid value for the type xsd:..." errors.</summary>
    public static string SoapType(this FieldType type) => type switch
    {
        FieldType.Id or FieldType.Reference => "tns:ID",
        FieldType.Boolean => "xsd:boolean",
        FieldType.Int => "xsd:int",
        FieldType.Double or FieldType.Currency or FieldType.Percent => "xsd:double",
        FieldType.Date => "xsd:date",
        FieldType.DateTime => "xsd:dateTime",
        FieldType.Address => "urn:address",
        FieldType.Location => "urn:location",
        _ => "xsd:string",
    };

    /// <summary>Types written as JSON numbers in query and record responses.</summary>
    public static bool IsNumeric(this FieldType type) =>
        type is FieldType.Int or FieldType.Double or FieldType.Currency or FieldType.Percent;

    /// <summary>Address and geolocation fields: whole values made of component fields, never written themselves.</summary>
    public static bool IsCompound(this FieldType type) => type is FieldType.Address or FieldType.Location;

    public static bool IsText(this FieldType type) =>
        type is FieldType.String or FieldType.Textarea or FieldType.Email or FieldType.Phone or FieldType.Url
            or FieldType.Combobox or FieldType.Picklist or FieldType.Multipicklist;
}
