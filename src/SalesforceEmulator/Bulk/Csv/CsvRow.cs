namespace SalesforceEmulator.Bulk.Csv;

/// <summary>
/// One parsed CSV row, reused from row to row: the unescaped text of every field laid end to end in one buffer, with
/// each field's place in it. Fields are read as spans, so a million-row job does not make a string per cell; a
/// string is made only where one is kept (<see cref="GetString"/>).
/// </summary>
public sealed class CsvRow
{
    private char[] text = new char[1024];
    private int textLength;
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private bool[] quoted = new bool[32];

    /// <summary>Fields in the row.</summary>
    public int Count { get; private set; }

    /// <summary>The buffer the fields' text lives in; valid until the next row is read into this instance.</summary>
    internal char[] Text => text;

    /// <summary>A field's unescaped text.</summary>
    public ReadOnlySpan<char> this[int column] => text.AsSpan(starts[column], lengths[column]);

    /// <summary>Where a field's text starts in <see cref="Text"/>.</summary>
    internal int StartOf(int column) => starts[column];

    public string GetString(int column) => lengths[column] == 0 ? "" : new string(text, starts[column], lengths[column]);

    /// <summary>Whether the field was quoted in the upload (the results echo the header as uploaded).</summary>
    public bool IsQuoted(int column) => quoted[column];

    public string[] ToStringArray()
    {
        var values = new string[Count];
        for (var i = 0; i < Count; i++)
            values[i] = GetString(i);
        return values;
    }

    public bool[] QuotedFlags() => quoted.AsSpan(0, Count).ToArray();

    internal void Clear()
    {
        Count = 0;
        textLength = 0;
    }

    /// <summary>Opens the next field; its text is then added with <see cref="Append"/>.</summary>
    internal void StartField(bool isQuoted)
    {
        if (Count == starts.Length)
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
            Array.Resize(ref quoted, Count * 2);
        }
        starts[Count] = textLength;
        lengths[Count] = 0;
        quoted[Count] = isQuoted;
        Count++;
    }

    internal void Append(ReadOnlySpan<char> chars)
    {
        if (textLength + chars.Length > text.Length)
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + chars.Length));
        chars.CopyTo(text.AsSpan(textLength));
        textLength += chars.Length;
        lengths[Count - 1] += chars.Length;
    }
}
