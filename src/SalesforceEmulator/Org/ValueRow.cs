namespace SalesforceEmulator.Org;

/// <summary>
/// The values of one record being written, by field ordinal, reused from row to row. A value is null, a string, or a
/// slice of a shared text buffer (an uploaded CSV row): a cell stored as uploaded is packed straight from the upload's
/// text, with no string of its own. Slices are valid until the buffer is refilled, i.e. for one row.
/// </summary>
public sealed class ValueRow
{
    private readonly string?[] strings;
    private readonly int[] starts;
    private readonly int[] lengths;
    private char[] source = [];

    public ValueRow(int count)
    {
        strings = new string?[count];
        starts = new int[count];
        lengths = new int[count];
        Array.Fill(starts, -1);
    }

    public int Count => strings.Length;

    /// <summary>A row holding the given strings.</summary>
    public static ValueRow Of(IReadOnlyList<string?> values)
    {
        var row = new ValueRow(values.Count);
        for (var i = 0; i < values.Count; i++)
            row.strings[i] = values[i];
        return row;
    }

    /// <summary>The buffer that slices (<see cref="SetSlice"/>) refer to from now on.</summary>
    public void UseSource(char[] text) => source = text;

    public void Clear()
    {
        Array.Clear(strings);
        Array.Fill(starts, -1);
    }

    public void Set(int ordinal, string? value)
    {
        strings[ordinal] = value;
        starts[ordinal] = -1;
    }

    public void SetSlice(int ordinal, int start, int length)
    {
        strings[ordinal] = null;
        starts[ordinal] = start;
        lengths[ordinal] = length;
    }

    /// <summary>Sets every value from an array of strings.</summary>
    public void Load(IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
            Set(i, values[i]);
    }

    /// <summary>Takes another row's value at an ordinal (a slice keeps referring to that row's buffer).</summary>
    public void CopyFrom(ValueRow other, int ordinal)
    {
        if (other.starts[ordinal] >= 0)
            source = other.source;
        strings[ordinal] = other.strings[ordinal];
        starts[ordinal] = other.starts[ordinal];
        lengths[ordinal] = other.lengths[ordinal];
    }

    public bool IsNull(int ordinal) => starts[ordinal] < 0 && strings[ordinal] is null;

    /// <summary>The value's text (empty for null: check <see cref="IsNull"/> first where that matters).</summary>
    public ReadOnlySpan<char> GetSpan(int ordinal) =>
        starts[ordinal] >= 0 ? source.AsSpan(starts[ordinal], lengths[ordinal]) : strings[ordinal].AsSpan();

    /// <summary>The value as a string (a slice becomes one, kept so that asking again costs nothing).</summary>
    public string? GetString(int ordinal)
    {
        if (starts[ordinal] >= 0)
            Set(ordinal, new string(source, starts[ordinal], lengths[ordinal]));
        return strings[ordinal];
    }

    /// <summary>Whether the value equals <paramref name="other"/> exactly (both null counts as equal).</summary>
    public bool ValueEquals(int ordinal, string? other) =>
        IsNull(ordinal) ? other is null : other is not null && GetSpan(ordinal).SequenceEqual(other);
}
