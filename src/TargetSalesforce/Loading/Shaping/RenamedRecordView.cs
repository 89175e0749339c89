using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.Shaping;

/// <summary>
/// A record seen through a stream's <see cref="FieldRenames"/>: a mapped property answers to its field's name and no
/// longer to its own, a dropped one is gone. Like the view it wraps, it is pointed at each record in turn.
/// </summary>
internal sealed class RenamedRecordView(FieldRenames renames) : IRecordView
{
    private IRecordView record = null!;

    // The record's indexes that stay visible, computed only when something enumerates the record (the encoder looks up by name).
    private List<int>? visible;

    public RenamedRecordView Over(IRecordView next)
    {
        record = next;
        visible = null;
        return this;
    }

    public int Count => Visible().Count;

    public string NameAt(int index)
    {
        var name = record.NameAt(Visible()[index]);
        return renames.NameOf(name) ?? name;
    }

    public RecordValue ValueAt(int index) => record.ValueAt(Visible()[index]);

    public bool TryFind(string name, ref int hint, out RecordValue value)
    {
        if (renames.SourceOf(name) is { } source)
        {
            return record.TryFind(source, ref hint, out value);
        }

        if (!renames.HidesIgnoringCase(name))
        {
            return record.TryFind(name, ref hint, out value);
        }

        // A name that a hidden property spells too (ignoring case): only a visible property of that name may answer.
        var found = -1;
        for (var index = 0; index < record.Count; index++)
        {
            var own = record.NameAt(index);
            if (renames.Hides(own))
            {
                continue;
            }

            if (string.Equals(own, name, StringComparison.Ordinal))
            {
                found = index;
                break;
            }

            if (found < 0 && string.Equals(own, name, StringComparison.OrdinalIgnoreCase))
            {
                found = index;
            }
        }

        value = found < 0 ? default : record.ValueAt(found);
        return found >= 0;
    }

    private List<int> Visible()
    {
        if (visible is null)
        {
            visible = new List<int>(record.Count);
            for (var i = 0; i < record.Count; i++)
            {
                if (renames.NameOf(record.NameAt(i)) is not null)
                {
                    visible.Add(i);
                }
            }
        }

        return visible;
    }
}
