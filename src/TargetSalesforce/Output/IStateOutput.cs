namespace TargetSalesforce.Output;

/// <summary>
/// Where committed state goes: stdout lines for Singer and Meltano, the `--state` file for Mage.
/// Called only with a state whose every preceding record is committed or reported.
/// </summary>
public interface IStateOutput
{
    /// <summary>Writes one state value (the STATE message's `value`, compact JSON) durably.</summary>
    void Write(string stateJson);
}
