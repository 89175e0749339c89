using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading;

/// <summary>
/// Before a job that looks records up in other objects is submitted, the rows of those objects
/// buffered so far go out first: a tap sends parents before children, and the child's relationship
/// resolves only once the parent is committed. The scheduler then holds the child until they end.
/// </summary>
internal sealed class ParentFirstFlush
{
    private Func<string, CancellationToken, Task>? flushObject;

    /// <summary>Set once by the router, which knows every stream's buffers.</summary>
    public void Attach(Func<string, CancellationToken, Task> flushObjectBuffers) => flushObject = flushObjectBuffers;

    public async Task FlushParentsAsync(IObjectWriter child, CancellationToken cancellationToken)
    {
        if (flushObject is null)
        {
            return;
        }

        foreach (var parent in child.ParentObjects)
        {
            await flushObject(parent, cancellationToken).ConfigureAwait(false);
        }
    }
}
