using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// The run's one session. A rejected session is refreshed once, however many requests saw it
/// rejected: they all wait on the same login, and a request that still holds an older session
/// than the current one simply replays with the current one.
/// </summary>
internal sealed class SessionProvider(ILoginFlow flow, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    // Logins outlive any one caller's cancellation: others may be waiting on the same one.
    private readonly CancellationTokenSource lifetime = new();
    private Session? current;
    private Task<Session>? login;

    public Task<Session> GetAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (current is not null)
            {
                return Task.FromResult(current);
            }

            login ??= LoginAsync();
            return login.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Replaces <paramref name="rejected"/>, unless another request already did.</summary>
    public Task<Session> RefreshAsync(Session rejected, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (current is not null && !ReferenceEquals(current, rejected))
            {
                return Task.FromResult(current);
            }

            if (current is not null)
            {
                logger.LogInformation("Salesforce session expired; logging in again");
                current = null;
                login = LoginAsync();
            }

            login ??= LoginAsync();
            return login.WaitAsync(cancellationToken);
        }
    }

    private async Task<Session> LoginAsync()
    {
        // Leave the caller's lock before any work, so completion never runs inside it.
        await Task.Yield();
        try
        {
            var session = await flow.LoginAsync(lifetime.Token).ConfigureAwait(false);
            Diagnostics.StartupPhases.Reached("logged in");
            lock (gate)
            {
                current = session;
            }

            return session;
        }
        catch
        {
            lock (gate)
            {
                // A failed login is not cached as the session; the run ends on the error anyway.
                login = null;
            }

            throw;
        }
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
