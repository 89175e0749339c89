namespace TargetSalesforce.Destination;

/// <summary>What the pipeline knows of a stream when it opens a writer for it.</summary>
/// <param name="Stream">The Singer stream name (for messages only).</param>
/// <param name="Properties">The top-level property names of the stream's schema, in schema order.</param>
/// <param name="KeyProperties">The stream's key properties.</param>
public sealed record StreamShape(string Stream, IReadOnlyList<string> Properties, IReadOnlyList<string> KeyProperties);
