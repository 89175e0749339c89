namespace SalesforceEmulator.Faults;

/// <summary>STUB (owned by the host/auth/faults work): the faults in force, deterministic under the seed.</summary>
public sealed class FaultPlan(EmulatorOptions options)
{
    public EmulatorOptions Options { get; } = options;

    /// <summary>Called by job processing for each row: true makes the row fail with UNABLE_TO_LOCK_ROW.</summary>
    public bool ShouldLockRow(string jobId, int rowIndex) => false;

    /// <summary>Called by job processing when a job starts: a message makes the job end Failed with it.</summary>
    public string? ForcedJobFailure(string jobId, string objectName) => null;

    /// <summary>Removes every fault.</summary>
    public void Clear() { }
}
