namespace TargetSalesforce.Destination;

/// <summary>What the pipeline knows of a stream when it opens a writer for it.</summary>
/// <param name="Stream">The Singer stream name (for messages only).</param>
/// <param name="Properties">The top-level property names of the stream's schema, in schema order.</param>
/// <param name="KeyProperties">The stream's key properties.</param>
/// <param name="Sources">
/// For a property named by the stream's field map (`streams.&lt;name&gt;.fields`): the record property it was called in the
/// input. A mapped name the object lacks is a config error, where an unmapped one only a dropped property.
/// </param>
public sealed record StreamShape(
    string Stream, IReadOnlyList<string> Properties, IReadOnlyList<string> KeyProperties, IReadOnlyDictionary<string, string>? Sources = null)
{
    /// <summary>The input's name of <paramref name="property"/> when the field map gave it, else null.</summary>
    public string? SourceOf(string property) => Sources?.GetValueOrDefault(property);
}
