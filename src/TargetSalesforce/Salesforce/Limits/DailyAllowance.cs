namespace TargetSalesforce.Salesforce.Limits;

/// <summary>One of the org's daily allowances as `/limits` lists it: its maximum and what remains of it.</summary>
/// <param name="Name">Salesforce's name for it (`DailyApiRequests`).</param>
internal sealed record DailyAllowance(string Name, long Max, long Remaining)
{
    public long Used => Math.Max(0, Max - Remaining);
}
