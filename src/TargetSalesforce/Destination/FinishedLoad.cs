namespace TargetSalesforce.Destination;

/// <summary>A staged load with nothing left to send (an empty batch): its outcome is known already.</summary>
public sealed class FinishedLoad(BatchOutcome outcome) : IStagedLoad
{
    public static FinishedLoad Empty { get; } = new(new BatchOutcome([], []));

    public Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken) => Task.FromResult(outcome);

    public Task AbortAsync() => Task.CompletedTask;
}
