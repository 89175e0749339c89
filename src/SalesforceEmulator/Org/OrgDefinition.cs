using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesforceEmulator.Org;

/// <summary>The org definition file (see ORG-FORMAT.md): objects, their fields and seed records, and credentials.</summary>
public sealed class OrgDefinition
{
    public List<ObjectDefinition> Objects { get; set; } = [];

    /// <summary>Limits whose maximum or starting remainder differs from a Developer Edition org's, by name (DailyApiRequests...).</summary>
    public Dictionary<string, LimitSetting> Limits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Logins the org accepts; read by the auth routes.</summary>
    public OrgCredentials Credentials { get; set; } = new();

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a definition; a malformed file raises an error naming the file and the JSON path.</summary>
    public static OrgDefinition Parse(Stream json, string sourceName)
    {
        try
        {
            return JsonSerializer.Deserialize<OrgDefinition>(json, SerializerOptions)
                ?? throw new InvalidDataException($"Org definition {sourceName} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Org definition {sourceName} is not valid: {e.Message}", e);
        }
    }
}

public sealed class OrgCredentials
{
    public List<OAuthClientDefinition> OauthClients { get; set; } = [];

    public List<UserCredentialDefinition> Users { get; set; } = [];
}

public sealed class OAuthClientDefinition
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public List<string> RefreshTokens { get; set; } = [];

    /// <summary>A PEM certificate file (relative to the org file) whose key signs this app's JWT bearer assertions.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The same certificate as PEM text, for an org file that carries it inline.</summary>
    public string? Certificate { get; set; }

    /// <summary>The username client-credentials logins run as; unset turns that flow off for the app.</summary>
    public string? RunAsUser { get; set; }

    /// <summary>Usernames pre-authorized for the app (JWT bearer logins as them need no earlier approval).</summary>
    public List<string> PreAuthorizedUsers { get; set; } = [];
}

public sealed class UserCredentialDefinition
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string SecurityToken { get; set; } = "";
}

public sealed class ObjectDefinition
{
    public string Name { get; set; } = "";

    public string? Label { get; set; }

    public string? LabelPlural { get; set; }

    /// <summary>Three characters that start every id of the object (001 Account, 003 Contact...).</summary>
    public string KeyPrefix { get; set; } = "";

    public bool Createable { get; set; } = true;

    public bool Updateable { get; set; } = true;

    public bool Deletable { get; set; } = true;

    public List<FieldDefinition> Fields { get; set; } = [];

    /// <summary>
    /// Milliseconds each row of the object adds to its Bulk transaction or REST write call, as triggers and flows do on a
    /// real org; a transaction holds its parents' locks that much longer. Zero (the default): only the processing rate counts.
    /// </summary>
    public double TriggerMillisPerRow { get; set; }

    /// <summary>Records present at start and after every reset; values by field name.</summary>
    public List<Dictionary<string, JsonElement>> Records { get; set; } = [];
}

public sealed class FieldDefinition
{
    public string Name { get; set; } = "";

    public string? Label { get; set; }

    public string Type { get; set; } = "string";

    public int? Length { get; set; }

    public int? Precision { get; set; }

    public int? Scale { get; set; }

    public int? Digits { get; set; }

    // Defaults match an ordinary custom field: writable and optional.
    public bool Createable { get; set; } = true;

    public bool Updateable { get; set; } = true;

    public bool Nillable { get; set; } = true;

    public bool DefaultedOnCreate { get; set; }

    public bool ExternalId { get; set; }

    public bool IdLookup { get; set; }

    public bool Unique { get; set; }

    public bool Calculated { get; set; }

    public bool NameField { get; set; }

    public bool RestrictedPicklist { get; set; }

    public List<PicklistValueDefinition> PicklistValues { get; set; } = [];

    public List<string> ReferenceTo { get; set; } = [];

    public string? RelationshipName { get; set; }

    /// <summary>The name the referenced object lists this lookup's children under; null takes Salesforce's default (Contacts, Invoices__r).</summary>
    public string? ChildRelationshipName { get; set; }

    /// <summary>A master-detail relationship (describe: cascadeDelete, relationshipOrder); it locks its parent.</summary>
    public bool MasterDetail { get; set; }

    /// <summary>
    /// Whether saving a row locks the parent this field names; null takes Salesforce's rule: master-detail fields and
    /// Contact.AccountId, Opportunity.AccountId and Case.AccountId lock, other lookups do not.
    /// </summary>
    public bool? LocksParent { get; set; }

    /// <summary>The compound field (BillingAddress, Name) this field is a part of; describe lists it as compoundFieldName.</summary>
    public string? CompoundFieldName { get; set; }

    /// <summary>
    /// Whether the lookup may point at records of several objects (WhatId, WhoId, a queue-ownable OwnerId); null takes
    /// "more than one referenceTo", which is how Salesforce's standard polymorphic fields describe.
    /// </summary>
    public bool? PolymorphicForeignKey { get; set; }
}

public sealed class PicklistValueDefinition
{
    public string Value { get; set; } = "";

    public string? Label { get; set; }

    public bool Active { get; set; } = true;

    public bool DefaultValue { get; set; }
}
