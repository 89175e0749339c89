namespace TargetSalesforce.Output;

/// <summary>A dry run's state output: nothing was loaded, so no state may go out.</summary>
public sealed class DiscardedStateOutput : IStateOutput
{
    public void Write(string stateJson)
    {
        // Deliberately nothing: emitting a state would let a tap skip records that never loaded.
    }
}
