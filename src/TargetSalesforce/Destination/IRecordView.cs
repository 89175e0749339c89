namespace TargetSalesforce.Destination;

/// <summary>
/// A record's properties as the destination reads them, whatever format the record came in: a
/// writer looks values up by name and never sees the reader's own types.
/// </summary>
public interface IRecordView
{
    /// <summary>How many properties the record has.</summary>
    int Count { get; }

    /// <summary>The name of the property at <paramref name="index"/>, in the record's own order.</summary>
    string NameAt(int index);

    /// <summary>The value of the property at <paramref name="index"/>.</summary>
    RecordValue ValueAt(int index);

    /// <summary>
    /// The value of <paramref name="name"/>: the exact name first, else the first name equal ignoring
    /// case. <paramref name="hint"/> is where the caller found it in the last record (a view may ignore
    /// it): records of one stream list their properties in the same order, so the first probe usually hits.
    /// </summary>
    bool TryFind(string name, ref int hint, out RecordValue value);
}
