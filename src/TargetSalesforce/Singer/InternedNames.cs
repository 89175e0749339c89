using Newtonsoft.Json;

namespace TargetSalesforce.Singer;

/// <summary>
/// Gives Newtonsoft's reader one string per distinct property name instead of a new one per record.
/// Bounded, so a tap whose property names never repeat (ids used as keys) cannot grow it without end.
/// Not thread-safe: one per reading loop.
/// </summary>
internal sealed class InternedNames : JsonNameTable
{
    /// <summary>Distinct names kept. Far more than any schema has; small next to the memory a run may use.</summary>
    public const int Capacity = 10_000;

    private readonly DefaultJsonNameTable names = new();
    private int count;

    public override string? Get(char[] key, int start, int length)
    {
        if (names.Get(key, start, length) is { } known)
        {
            return known;
        }

        if (count >= Capacity)
        {
            return null; // the reader makes its own string
        }

        count++;
        return names.Add(new string(key, start, length));
    }

    /// <summary>The table's string equal to <paramref name="name"/> (added if there is room), else the name itself.</summary>
    public string Intern(string name) => Get(name.ToCharArray(), 0, name.Length) ?? name;
}
