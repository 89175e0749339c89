namespace TargetSalesforce.Singer.Validation;

/// <summary>Why a record does not fit its stream's schema: the property (a dotted path) and the reason.</summary>
public sealed record RecordViolation(string Path, string Reason)
{
    /// <summary>The same violation seen from the parent: <paramref name="segment"/> goes in front of the path.</summary>
    internal RecordViolation Under(string segment) =>
        this with { Path = Path.Length == 0 ? segment : Path[0] == '[' ? segment + Path : segment + "." + Path };

    public override string ToString() =>
        Path.Length == 0 ? Reason : $"property '{Path}': {Reason}";
}
