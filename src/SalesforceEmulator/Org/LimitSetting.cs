namespace SalesforceEmulator.Org;

/// <summary>One limit's setting from the org file or `POST /__emulator/limits`: a new maximum, what remains, or both.</summary>
public sealed class LimitSetting
{
    public long? Max { get; set; }

    public long? Remaining { get; set; }
}
