namespace TargetSalesforce.Destination;

/// <summary>One record turned into a CSV row (empty when rejected), or the reason it cannot be.</summary>
public readonly record struct EncodedRecord(ReadOnlyMemory<byte> Row, string? Key, RecordRejection? Rejection)
{
    /// <summary>Between the parents of a row that names several (<see cref="ParentLock"/>).</summary>
    public const char ParentLockSeparator = '\n';

    public bool IsRejected => Rejection is not null;

    /// <summary>
    /// The parent records the destination locks while it saves this row (a Contact's Account), each as one
    /// string, several joined by <see cref="ParentLockSeparator"/>; null when it names none. Loading orders and
    /// cuts jobs by it so that rows of one parent are never saved by two workers at once.
    /// </summary>
    public string? ParentLock { get; init; }

    public static EncodedRecord Encoded(ReadOnlyMemory<byte> row, string? key, string? parentLock = null) =>
        new(row, key, null) { ParentLock = parentLock };

    public static EncodedRecord Rejected(string errorCode, string message) =>
        new(default, null, new RecordRejection(errorCode, message));
}

/// <summary>Why a record failed. The message names fields and value types, never personal values.</summary>
public sealed record RecordRejection(string ErrorCode, string Message);
