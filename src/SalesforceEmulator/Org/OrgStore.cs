using System.Collections.Concurrent;
using System.Text.Json;

namespace SalesforceEmulator.Org;

/// <summary>The org: its object definitions, their records, and counts of rows written.</summary>
public sealed class OrgStore
{
    /// <summary>Name of the embedded default org (examples/org.json).</summary>
    public const string DefaultOrgResource = "SalesforceEmulator.DefaultOrg.json";

    private readonly Dictionary<string, SObjectTable> tablesByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SObjectTable> tablesByPrefix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Object, string Operation), StrongBoxCounter> rowCounts = new();
    private readonly TimeProvider time;

    public OrgStore(OrgDefinition definition, int seed, TimeProvider time)
    {
        Definition = definition;
        this.time = time;
        var tables = new List<SObjectTable>();
        foreach (var objectDefinition in definition.Objects)
        {
            var table = new SObjectTable(new SObjectSchema(objectDefinition), seed);
            if (!tablesByName.TryAdd(table.Schema.Name, table))
                throw new InvalidDataException($"Org definition: object {table.Schema.Name} is defined twice.");
            if (!tablesByPrefix.TryAdd(table.Schema.KeyPrefix, table))
                throw new InvalidDataException($"Org definition: key prefix {table.Schema.KeyPrefix} of {table.Schema.Name} is already used.");
            tables.Add(table);
        }
        Tables = tables;
        Seed();
    }

    public OrgDefinition Definition { get; }

    /// <summary>The org's clock (relative date literals in queries read it).</summary>
    public TimeProvider Time => time;

    public IReadOnlyList<SObjectTable> Tables { get; }

    /// <summary>The 18-character id of the org (the first Organization record), or a fixed one when the file has none.</summary>
    public string OrganizationId
    {
        get
        {
            var organization = Find("Organization");
            var first = organization?.SnapshotLive().FirstOrDefault();
            return first?.Id ?? (SalesforceId.TryNormalize("00D000000000001", out var id) ? id : "");
        }
    }

    public static OrgStore Load(EmulatorOptions options)
    {
        OrgDefinition definition;
        if (options.OrgFile is { } path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Org definition file {path} does not exist.", path);
            using var file = File.OpenRead(path);
            definition = OrgDefinition.Parse(file, path);
        }
        else
        {
            using var resource = typeof(OrgStore).Assembly.GetManifestResourceStream(DefaultOrgResource)
                ?? throw new InvalidOperationException($"The built-in org {DefaultOrgResource} is missing from the assembly.");
            definition = OrgDefinition.Parse(resource, "built-in default org");
        }
        if (options.DescribeDirectory is { } directory)
            DescribeDirectory.Apply(definition, directory);
        return new OrgStore(definition, options.Seed, options.Time);
    }

    public SObjectTable? Find(string objectName) => tablesByName.GetValueOrDefault(objectName);

    public SObjectTable? FindByKeyPrefix(string keyPrefix) => tablesByPrefix.GetValueOrDefault(keyPrefix);

    /// <summary>The 18-character id of the live User with this username, if any.</summary>
    public string? FindUserId(string username)
    {
        var users = Find("User");
        var field = users?.Schema.FindField("Username");
        if (users is null || field is null)
            return null;
        lock (users.SyncRoot)
        {
            var found = users.FindByValue(field, username);
            return found.Count > 0 ? found[0].Id : null;
        }
    }

    /// <summary>
    /// The user writes run as where the emulator tracks no other (Bulk jobs, and owners an insert leaves out):
    /// admin@emulator.local's User row when there is one, else the id the login directory gives that user.
    /// </summary>
    public string DefaultUserId => FindUserId(DefaultUsername) ?? "005000000000001AAA";

    /// <summary>The username of the org's first user, who owns what no one else is named for.</summary>
    public const string DefaultUsername = "admin@emulator.local";

    /// <summary>Empties every object's records, then puts the definition's seed records back (the definition stays).</summary>
    public void Reset()
    {
        foreach (var table in Tables)
            table.Clear();
        rowCounts.Clear();
        Seed();
    }

    /// <summary>Counts rows a job wrote successfully.</summary>
    public void CountRows(string objectName, string operation, long rows)
    {
        if (rows > 0)
            Interlocked.Add(ref rowCounts.GetOrAdd((objectName, operation), _ => new StrongBoxCounter()).Value, rows);
    }

    /// <summary>Rows written, by object then by operation, for `/__emulator/stats`.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RowsByObjectAndOperation() =>
        rowCounts
            .GroupBy(entry => entry.Key.Object)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyDictionary<string, long>)group.ToDictionary(e => e.Key.Operation, e => Interlocked.Read(ref e.Value.Value)));

    private void Seed()
    {
        var now = FieldValues.FormatDateTime(time.GetUtcNow());
        foreach (var table in Tables)
        {
            var schema = table.Schema;
            var recordNumber = 0;
            foreach (var seedRecord in schema.Definition.Records)
            {
                recordNumber++;
                var where = $"Org definition: {schema.Name} record {recordNumber}";
                var values = new string?[schema.Fields.Count];
                string? id = null;
                foreach (var (name, json) in seedRecord)
                {
                    var field = schema.FindField(name) ?? throw new InvalidDataException($"{where}: no field {name}.");
                    var raw = json.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => json.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => json.GetRawText(),
                        _ => throw new InvalidDataException($"{where}: {name} must be a string, number, boolean or null."),
                    };
                    if (raw is null)
                        continue;
                    if (FieldValues.Normalize(field, raw, out var stored) != ValueProblem.None)
                        throw new InvalidDataException($"{where}: '{raw}' is not a valid {field.Type.ApiName()} for {name}.");
                    if (field.Ordinal == SObjectSchema.IdOrdinal)
                    {
                        if (!stored.StartsWith(schema.KeyPrefix, StringComparison.Ordinal))
                            throw new InvalidDataException($"{where}: Id {raw} does not start with the key prefix {schema.KeyPrefix}.");
                        id = stored;
                    }
                    else
                    {
                        values[field.Ordinal] = stored;
                    }
                }
                foreach (var field in schema.Fields)
                {
                    if (values[field.Ordinal] is null && field.Type == FieldType.Boolean)
                        values[field.Ordinal] = "false";
                }
                values[schema.CreatedDate.Ordinal] = now;
                values[schema.LastModifiedDate.Ordinal] = now;
                lock (table.SyncRoot)
                    table.Insert(values, id);
            }
        }
    }

    private sealed class StrongBoxCounter
    {
        public long Value;
    }
}
