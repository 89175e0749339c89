using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>One message of the input, with the input line it came from (1-based).</summary>
public abstract record SingerMessage(long Line);

/// <summary>A stream's JSON schema and key properties.</summary>
public sealed record SchemaMessage(long Line, string Stream, JObject Schema, IReadOnlyList<string> KeyProperties)
    : SingerMessage(Line);

/// <summary>One record of a stream.</summary>
public sealed record RecordMessage(long Line, string Stream, FlatRecord Record) : SingerMessage(Line);

/// <summary>A tap's checkpoint; <paramref name="Value"/> is what goes out once the records before it are loaded.</summary>
public sealed record StateMessage(long Line, JToken Value) : SingerMessage(Line);

/// <summary>The end of a full-table version of a stream: with `activate_version` set, rows the version did not write are removed.</summary>
public sealed record ActivateVersionMessage(long Line, string Stream, long? Version) : SingerMessage(Line);

/// <summary>A Meltano SDK batch: the stream's records are in the local JSON-lines files of the manifest.</summary>
public sealed record BatchMessage(long Line, string Stream, BatchCompression Compression, IReadOnlyList<Uri> Manifest)
    : SingerMessage(Line);

/// <summary>How the files of a BATCH message are compressed (their format is always JSON lines).</summary>
public enum BatchCompression
{
    None,
    Gzip,
}
