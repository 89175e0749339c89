using System.Runtime.InteropServices;

namespace TargetSalesforce.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancelled token, so the run stops at a safe point
/// and emits no state past its last committed record instead of dying mid-write.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public ShutdownSignal()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => cancellation.Token;

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal keeps the process alive to wind down through the token; a second one
        // (the user insisting) takes the default action and ends it at once.
        context.Cancel = !cancellation.IsCancellationRequested;
        cancellation.Cancel();
    }
}
