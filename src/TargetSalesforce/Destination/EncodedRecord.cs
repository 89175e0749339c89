namespace TargetSalesforce.Destination;

/// <summary>One record turned into a CSV row (empty when rejected), or the reason it cannot be.</summary>
public readonly record struct EncodedRecord(ReadOnlyMemory<byte> Row, string? Key, RecordRejection? Rejection)
{
    public bool IsRejected => Rejection is not null;

    public static EncodedRecord Encoded(ReadOnlyMemory<byte> row, string? key) => new(row, key, null);

    public static EncodedRecord Rejected(string errorCode, string message) =>
        new(default, null, new RecordRejection(errorCode, message));
}

/// <summary>Why a record failed. The message names fields and value types, never personal values.</summary>
public sealed record RecordRejection(string ErrorCode, string Message);
