using Microsoft.Extensions.Logging;
using TargetSalesforce.Configuration;
using TargetSalesforce.Logging;
using TargetSalesforce.Output;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>Everything a run (or a connection test) needs, prepared by the command line.</summary>
public sealed class RunContext
{
    /// <summary>The parsed command line (flags as given).</summary>
    public required CommandLine CommandLine { get; init; }

    /// <summary>The validated settings.</summary>
    public required TargetSettings Settings { get; init; }

    /// <summary>How to log in (from <see cref="LoginSetup"/>); null leaves the choice to the Salesforce client.</summary>
    public LoginCredentials? Login { get; init; }

    /// <summary>The run's loggers: `LoggerFactory.CreateLogger&lt;T&gt;()`. Output is redacted, one line an event.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Where committed state goes: stdout, or Mage's `--state` file.</summary>
    public required IStateOutput StateOutput { get; init; }

    /// <summary>The Singer messages: stdin, `--input` or `--input_file_path` (<see cref="Stream.Null"/> for a connection test).</summary>
    public required Stream Input { get; init; }

    /// <summary>Where the input comes from, for messages: `stdin` or the file's path.</summary>
    public required string InputName { get; init; }

    /// <summary>Masks secrets in logs; register access tokens with <see cref="SecretRedactor.Add"/> as soon as they are obtained.</summary>
    public required SecretRedactor Redactor { get; init; }

    /// <summary>Cancelled by Ctrl-C or SIGTERM: stop reading, let jobs in flight finish or abort, emit no further state.</summary>
    public required CancellationToken CancellationToken { get; init; }

    /// <summary>The clock (a fake one in tests).</summary>
    public required TimeProvider TimeProvider { get; init; }

    /// <summary>Mage started us: the reader skips non-JSON and `type: LOG` lines; tolerated failures never log at ERROR.</summary>
    public bool IsMageMode => CommandLine.IsMageMode;

    /// <summary>Mage's `--catalog_json`, if given: <see cref="MageCatalog.DestinationTableFor"/> names a stream's object.</summary>
    public MageCatalog? Catalog => CommandLine.Catalog;
}
