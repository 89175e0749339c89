using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce;

/// <summary>Settings, options and canned answers shared by the Salesforce client tests.</summary>
internal static class TestOrg
{
    public const string Login = "https://login.example.com";
    public const string Instance = "https://na1.example.com";
    public const string Data = Instance + "/services/data/v64.0";
    public const string ClientSecret = "client-secret-Zq81";
    public const string RefreshToken = "refresh-token-Kx42";
    public const string Password = "password-Wv07";
    public const string SecurityToken = "sectoken-Jm55";

    public static RefreshTokenLogin OAuth => new("client-id", ClientSecret, RefreshToken);

    public static PasswordLogin UserPassword => new("user@example.com", Password, SecurityToken);

    /// <summary>Retries without waiting, so rule tests need no clock; Bulk for every batch (the Collections tests set their threshold).</summary>
    public static SalesforceClientOptions FastOptions => new()
    {
        RestThresholdRows = 0,
        LoginUrl = new Uri(Login),
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
        PollInterval = TimeSpan.Zero,
        PollMaxInterval = TimeSpan.Zero,
    };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Token(string accessToken) =>
        new JObject { ["access_token"] = accessToken, ["instance_url"] = Instance + "/", ["token_type"] = "Bearer" }.ToString();

    /// <summary>An OAuth token endpoint that hands out T1, T2, … and counts its calls.</summary>
    public static Func<int> TokenEndpoint(MockHttpMessageHandler mock)
    {
        var calls = 0;
        mock.When(HttpMethod.Post, Login + "/services/oauth2/token")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Json(Token($"T{Interlocked.Increment(ref calls)}")) });
        return () => Volatile.Read(ref calls);
    }

    public static HttpResponseMessage InvalidSession() => new(HttpStatusCode.Unauthorized)
    {
        Content = Json("""[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"""),
    };

    public static string Bearer(HttpRequestMessage request) => request.Headers.Authorization?.Parameter ?? string.Empty;
}

/// <summary>A field of a fake describe, with the flags a loader reads.</summary>
internal sealed record FieldSpec(string Name, string Type = "string", bool Createable = true, bool Updateable = true,
    bool Nillable = true, bool DefaultedOnCreate = false, bool ExternalId = false, bool IdLookup = false,
    string? RelationshipName = null, string[]? ReferenceTo = null, bool MasterDetail = false, string? CompoundFieldName = null)
{
    public JObject ToJson() => new()
    {
        ["cascadeDelete"] = MasterDetail,
        ["relationshipOrder"] = MasterDetail ? 0 : null,
        ["name"] = Name,
        ["type"] = Type,
        ["createable"] = Createable,
        ["updateable"] = Updateable,
        ["nillable"] = Nillable,
        ["defaultedOnCreate"] = DefaultedOnCreate,
        ["externalId"] = ExternalId,
        ["idLookup"] = IdLookup,
        ["relationshipName"] = RelationshipName,
        ["referenceTo"] = new JArray(ReferenceTo ?? []),
        ["compoundFieldName"] = CompoundFieldName,
    };

    public static FieldSpec Id => new("Id", "id", Createable: false, Updateable: false, Nillable: false, DefaultedOnCreate: true, IdLookup: true);

    public static string Describe(string objectName, params FieldSpec[] fields) =>
        new JObject { ["name"] = objectName, ["fields"] = new JArray(fields.Select(f => f.ToJson())) }.ToString();
}

/// <summary>A handler whose answer is computed asynchronously (MockHttp's own Respond overloads are synchronous).</summary>
internal sealed class AsyncResponder(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request);
}

/// <summary>
/// A fake clock that moves only when the code under test waits on it: each new timer (a poll or
/// retry delay) is recorded and then stepped over. Timers of <see cref="IgnoredDueTime"/> (the
/// per-request timeout) are left alone.
/// </summary>
internal sealed class SteppingClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

    public TimeSpan IgnoredDueTime { get; init; } = TimeSpan.FromSeconds(300);

    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != IgnoredDueTime && dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
            timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Runs <paramref name="work"/> to its end, advancing the clock over each wait it makes.</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        var next = timers.Reader.ReadAsync().AsTask();
        while (true)
        {
            var done = await Task.WhenAny(work, next).WaitAsync(TimeSpan.FromSeconds(20));
            if (done == work)
            {
                return await work;
            }

            Advance(await next);
            next = timers.Reader.ReadAsync().AsTask();
        }
    }
}

/// <summary>Keeps log lines for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    public static (ILoggerFactory Factory, CapturingLoggerProvider Provider) Create()
    {
        var provider = new CapturingLoggerProvider();
        return (LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)), provider);
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}

/// <summary>
/// A fake clock that counts its pending timers (a poll or retry delay; timers of <see cref="IgnoredDueTime"/>, the
/// per-request timeout, are left out), so a test with several waiters at once can wait until each is waiting before it
/// moves the clock.
/// </summary>
internal sealed class CountingClock : FakeTimeProvider
{
    private readonly object gate = new();
    private int pending;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan IgnoredDueTime { get; init; } = TimeSpan.FromSeconds(300);

    public int Pending => Volatile.Read(ref pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == IgnoredDueTime || dueTime == Timeout.InfiniteTimeSpan)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var tracked = new TrackedTimer(this);
        tracked.Inner = base.CreateTimer(s => { tracked.End(); callback(s); }, state, dueTime, period);
        Change(+1);
        return tracked;
    }

    /// <summary>Completes once <paramref name="condition"/> holds, looking again at each timer started or ended.</summary>
    public async Task UntilAsync(Func<bool> condition)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(20));
        while (true)
        {
            Task next;
            lock (gate)
            {
                next = changed.Task;
            }

            if (condition())
            {
                return;
            }

            if (await Task.WhenAny(next, deadline) == deadline)
            {
                throw new TimeoutException("the condition did not come true");
            }
        }
    }

    private void Change(int by)
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            pending += by;
            fired = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    private sealed class TrackedTimer(CountingClock owner) : ITimer
    {
        private int ended;

        public ITimer Inner { get; set; } = null!;

        public void End()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                owner.Change(-1);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            End();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            End();
            return Inner.DisposeAsync();
        }
    }
}
