using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Output;

namespace TargetSalesforce.Loading.State;

/// <summary>
/// Lets a STATE out only when every record read before it is settled: committed, or reported as
/// failed when failures are allowed. Each STATE closes a segment of the input; a segment's
/// records settle in any order as jobs finish. The oldest settled segments with a state go out as
/// one (the latest of them), so states are coalesced but never reordered, never empty, and never
/// repeated unchanged.
/// </summary>
internal sealed class StateTracker(IStateOutput output)
{
    private readonly object gate = new();
    private readonly Dictionary<long, Segment> segments = new() { [0] = new Segment() };
    private long oldest;
    private long open;
    private string? lastEmitted;

    public long StatesEmitted { get; private set; }

    /// <summary>Counts a record read now; returns its segment, to be settled later.</summary>
    public long RecordRead()
    {
        lock (gate)
        {
            segments[open].Unsettled++;
            return open;
        }
    }

    /// <summary>A STATE arrived: it goes out once everything read so far is settled.</summary>
    public void StateRead(JToken value)
    {
        if (IsEmpty(value))
        {
            return;
        }

        var json = value.ToString(Formatting.None);
        lock (gate)
        {
            segments[open].State = json;
            open++;
            segments[open] = new Segment();
            EmitSettled();
        }
    }

    /// <summary><paramref name="count"/> records of <paramref name="segment"/> are committed or reported.</summary>
    public void Settle(long segment, int count)
    {
        lock (gate)
        {
            var entry = segments[segment];
            entry.Unsettled -= count;
            if (entry.Unsettled < 0)
            {
                throw new InvalidOperationException($"Segment {segment} settled more records than it holds.");
            }

            if (segment == oldest)
            {
                EmitSettled();
            }
        }
    }

    private void EmitSettled()
    {
        string? latest = null;
        while (oldest < open && segments[oldest].Unsettled == 0)
        {
            latest = segments[oldest].State;
            segments.Remove(oldest);
            oldest++;
        }

        if (latest is not null && latest != lastEmitted)
        {
            output.Write(latest);
            lastEmitted = latest;
            StatesEmitted++;
        }
    }

    /// <summary>A falsy state (null, {}, [], "") would clear the orchestrator's saved state: never sent.</summary>
    private static bool IsEmpty(JToken value) => value.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => true,
        JTokenType.Object => !((JObject)value).HasValues,
        JTokenType.Array => !((JArray)value).HasValues,
        JTokenType.String => ((string?)value)?.Length is null or 0,
        _ => false,
    };

    private sealed class Segment
    {
        public long Unsettled;
        public string? State;
    }
}
