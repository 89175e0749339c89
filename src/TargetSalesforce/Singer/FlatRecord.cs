using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// A RECORD's top-level properties in input order: each name with its <see cref="FlatValue"/> (a bare
/// scalar, or a JObject/JArray for nested data). It is what a JObject holds without the per-property
/// JProperty and JValue, parent links and lookup dictionary, which cost most of a record's parsing time
/// and memory; records have a dozen or so properties, so a scan finds a name as fast as a hash would.
/// </summary>
public sealed class FlatRecord
{
    // Past this many properties, duplicates are found with a set rather than by comparing every pair.
    private const int PairwiseDuplicateLimit = 24;

    private readonly string[] names;

    // The values: an array of their own, or (the fast path's usual record) a table in the arena array that holds
    // their text (PackedValues), read a value at a time.
    private readonly FlatValue[]? values;
    private readonly byte[]? packed;
    private readonly int table;

    private FlatRecord(string[] names, FlatValue[] values)
    {
        this.names = names;
        this.values = values;
    }

    private FlatRecord(string[] names, byte[] packed, int table)
    {
        this.names = names;
        this.packed = packed;
        this.table = table;
    }

    public int Count => names.Length;

    /// <summary>
    /// A record from names already known to differ from one another (the array may be shared with
    /// other records of the same layout: it is never written to).
    /// </summary>
    internal static FlatRecord FromUniqueNames(string[] names, FlatValue[] values) => new(names, values);

    /// <summary>A record from names already known to differ, its values the table <see cref="PackedValues"/> wrote at <paramref name="table"/>.</summary>
    internal static FlatRecord FromUniqueNames(string[] names, byte[] packed, int table) => new(names, packed, table);

    /// <summary>The value of the property with exactly this name as a token, or null.</summary>
    public JToken? this[string name] => IndexOf(name) is var index and >= 0 ? Value(index).ToToken() : null;

    public string NameAt(int index) => names[index];

    /// <summary>The value at <paramref name="index"/> as a token (a new JValue for a scalar).</summary>
    public JToken ValueAt(int index) => Value(index).ToToken();

    public FlatValue FlatValueAt(int index) => Value(index);

    /// <summary>Reads the object the reader stands on (its StartObject) up to and including its EndObject.</summary>
    /// <exception cref="JsonReaderException">Bad JSON, or a property name that appears twice.</exception>
    public static FlatRecord Read(JsonReader reader, JsonLoadSettings settings)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException($"expected a JSON object, got {reader.TokenType}");
        }

        var scratch = Scratch.ForThisThread;
        scratch.Clear();
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonReaderException("the record ends before its closing brace");
            }

            if (reader.TokenType == JsonToken.EndObject)
            {
                break;
            }

            if (reader.TokenType == JsonToken.Comment)
            {
                continue;
            }

            var name = (string)reader.Value!;
            if (!reader.Read())
            {
                throw new JsonReaderException($"the record ends inside the value of '{name}'");
            }

            while (reader.TokenType == JsonToken.Comment && reader.Read())
            {
            }

            scratch.Add(name, ReadValue(reader, settings));
        }

        return scratch.ToRecord();
    }

    /// <summary>The same properties as a JObject (for the rare paths that need one: NJsonSchema, the reject file).</summary>
    public static FlatRecord From(JObject record)
    {
        var properties = record.Properties().ToArray();
        return new FlatRecord(
            properties.Select(p => p.Name).ToArray(),
            properties.Select(p => FlatValue.From(p.Value)).ToArray());
    }

    public JObject ToJObject()
    {
        var record = new JObject();
        for (var i = 0; i < names.Length; i++)
        {
            record.Add(names[i], Value(i).ToToken()); // a nested value with a parent is cloned, so this record stays intact
        }

        return record;
    }

    /// <summary>The record as compact JSON.</summary>
    public string ToJson() => ToJObject().ToString(Formatting.None);

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the property with exactly this name.</summary>
    public bool TryGetValue(string name, out FlatValue value)
    {
        var index = IndexOf(name);
        value = index >= 0 ? Value(index) : default;
        return index >= 0;
    }

    /// <summary>The value of the property with exactly this name, looked for first where <paramref name="hint"/> says it was last time.</summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(string name, ref int hint, out FlatValue value) =>
        TryAt(Locate(name, hint, ignoreCase: false), ref hint, out value);

    /// <summary>
    /// The value of <paramref name="name"/>: the exact name first, else the first name equal ignoring case
    /// (as JObject.GetValue with OrdinalIgnoreCase). <paramref name="hint"/> is where the caller found it
    /// last time: taps write every record's properties in the same order, so the first probe usually hits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFind(string name, ref int hint, out FlatValue value) =>
        TryAt(Locate(name, hint, ignoreCase: true), ref hint, out value);

    /// <summary>Where <paramref name="name"/> is: at the hint, else anywhere, else (if asked) anywhere ignoring case; -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Locate(string name, int hint, bool ignoreCase)
    {
        if ((uint)hint < (uint)names.Length && string.Equals(names[hint], name, StringComparison.Ordinal))
        {
            return hint;
        }

        var index = IndexOf(name);
        if (index < 0 && ignoreCase)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return index;
    }

    private bool TryAt(int index, ref int hint, out FlatValue value)
    {
        if (index < 0)
        {
            value = default;
            return false;
        }

        hint = index;
        value = Value(index);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FlatValue Value(int index)
    {
        if (values is not null)
        {
            return values[index];
        }

        if ((uint)index >= (uint)names.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        return PackedValues.Read(packed!, table, index);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(string name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A scalar as the value JToken.Load would put in its JValue; an object or array as a JToken tree.</summary>
    private static FlatValue ReadValue(JsonReader reader, JsonLoadSettings settings) => reader.TokenType switch
    {
        JsonToken.String or JsonToken.Integer or JsonToken.Float or JsonToken.Boolean or JsonToken.Date or JsonToken.Bytes
            or JsonToken.Null or JsonToken.Undefined => FlatValue.FromReader(reader.TokenType, reader.Value),
        _ => FlatValue.From(JToken.Load(reader, settings)),
    };

    /// <summary>One reading thread's growing lists, reused for every record it reads.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        private readonly List<string> names = new(32);
        private readonly List<FlatValue> values = new(32);
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public static Scratch ForThisThread => current ??= new Scratch();

        public void Clear()
        {
            names.Clear();
            values.Clear();
            seen.Clear();
        }

        public void Add(string name, FlatValue value)
        {
            if (IsDuplicate(name))
            {
                throw new JsonReaderException($"Property with the name '{name}' already exists in the current JSON object.");
            }

            names.Add(name);
            values.Add(value);
        }

        public FlatRecord ToRecord() => new([.. names], [.. values]);

        private bool IsDuplicate(string name)
        {
            if (names.Count < PairwiseDuplicateLimit)
            {
                foreach (var earlier in names)
                {
                    if (string.Equals(earlier, name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (seen.Count == 0)
            {
                seen.UnionWith(names);
            }

            return !seen.Add(name);
        }
    }
}
