using TargetSalesforce.Destination;

namespace TargetSalesforce.Tests.Support;

/// <summary>
/// A writer that only names its object, action, the objects it looks up and whether it locks parents: enough for the
/// tests of what happens to rows before they reach Salesforce (buffers, batches, jobs), which never encode or stage.
/// </summary>
internal sealed class NamedObjectWriter(string objectName, LoadAction action = LoadAction.Insert, string[]? parents = null, bool locksParents = false) : IObjectWriter
{
    public bool LocksParents => locksParents;

    public ObjectOperation Operation { get; } = new(objectName, action, "Id");

    public IReadOnlyList<string> Columns { get; } = [];

    public IReadOnlyCollection<string> ParentObjects { get; } = parents ?? [];

    public EncodedRecord Encode(IRecordView record) => throw new NotSupportedException();

    public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();
}
