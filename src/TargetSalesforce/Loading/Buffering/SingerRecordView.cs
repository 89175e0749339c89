using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// A Singer record as the destination reads it: the record's own values, each handed over in the
/// destination's terms (a scalar as its plain value, a nested object or array as a view of it). A stream
/// keeps one view and points it at each record in turn (<see cref="Over"/>): a writer reads a record only
/// while it encodes it, and a view per record would be one more allocation per row.
/// </summary>
internal sealed class SingerRecordView : IRecordView
{
    private FlatRecord record;

    public SingerRecordView(FlatRecord record) => this.record = record;

    /// <summary>Points the view at <paramref name="next"/>; the view no longer shows the record before it.</summary>
    public SingerRecordView Over(FlatRecord next)
    {
        record = next;
        return this;
    }

    public int Count => record.Count;

    public string NameAt(int index) => record.NameAt(index);

    public RecordValue ValueAt(int index) => ToRecordValue(record.FlatValueAt(index));

    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFind(string name, ref int hint, out RecordValue value)
    {
        if (record.TryFind(name, ref hint, out var flat))
        {
            value = ToRecordValue(flat);
            return true;
        }

        value = default;
        return false;
    }

    // The common scalars are held bare (see FlatValue.From), so Scalar is their value; a date stays in its JValue;
    // a string held as UTF-8 is handed on as its bytes (no string made here).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RecordValue ToRecordValue(FlatValue value) => value.Type switch
    {
        JTokenType.Null => RecordValue.Null,
        JTokenType.String => value.IsUtf8Text ? RecordValue.Utf8String(value.Utf8Memory) : RecordValue.Of(ValueKind.String, value.Scalar),
        JTokenType.Integer => RecordValue.Of(ValueKind.Integer, value.Scalar),
        JTokenType.Float => RecordValue.Of(ValueKind.Number, value.Scalar),
        JTokenType.Boolean => RecordValue.Of(ValueKind.Boolean, value.Scalar),
        JTokenType.Date => RecordValue.Of(ValueKind.DateTime, ScalarOf(value)),
        JTokenType.Object => RecordValue.Of(new JsonObjectView((JObject)value.Token!)),
        JTokenType.Array => RecordValue.Of(new JsonArrayView((JArray)value.Token!)),
        _ => RecordValue.Unsupported(value.Type.ToString().ToLowerInvariant()),
    };

    /// <summary>The .NET value, whether the record holds it bare or in a JValue (a nested value, a date).</summary>
    private static object? ScalarOf(FlatValue value) => value.Token is JValue wrapped ? wrapped.Value : value.Scalar;

    /// <summary>A nested object: its properties looked up as JObject does, the exact name first, then ignoring case.</summary>
    private sealed class JsonObjectView(JObject properties) : IRecordView
    {
        public int Count => properties.Count;

        public string NameAt(int index) => Property(index).Name;

        public RecordValue ValueAt(int index) => ToRecordValue(FlatValue.From(Property(index).Value));

        public bool TryFind(string name, ref int hint, out RecordValue value)
        {
            var child = properties.GetValue(name, StringComparison.OrdinalIgnoreCase);
            value = child is null ? default : ToRecordValue(FlatValue.From(child));
            return child is not null;
        }

        private JProperty Property(int index) => (JProperty)((IList<JToken>)properties)[index];
    }

    /// <summary>A nested array, its items converted as they are read.</summary>
    private sealed class JsonArrayView(JArray items) : IReadOnlyList<RecordValue>
    {
        public int Count => items.Count;

        public RecordValue this[int index] => ToRecordValue(FlatValue.From(items[index]));

        public IEnumerator<RecordValue> GetEnumerator()
        {
            foreach (var item in items)
            {
                yield return ToRecordValue(FlatValue.From(item));
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
