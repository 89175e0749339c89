using SalesforceEmulator.Bulk;
using SalesforceEmulator.Rest.Assignment;

namespace SalesforceEmulator.Admin;

/// <summary>
/// The assignment rules clients asked for, as /__emulator/stats shows them: each ingest job created with an
/// assignmentRuleId, and each Sforce-Auto-Assign value REST writes carried, with its count.
/// </summary>
public static class AssignmentRulesView
{
    public static Dictionary<string, object> Read(JobStore jobs, AutoAssignUses autoAssign) => new()
    {
        ["jobs"] = jobs.All().Where(job => job.AssignmentRuleId is not null)
            .Select(job => new Dictionary<string, object>
            {
                ["id"] = job.Id,
                ["object"] = job.ObjectName,
                ["operation"] = job.Operation.ApiName(),
                ["assignmentRuleId"] = job.AssignmentRuleId!,
            })
            .ToList(),
        ["rest"] = autoAssign.Snapshot().Select(use => new Dictionary<string, object>
        {
            ["target"] = use.Target,
            ["sforceAutoAssign"] = use.Value,
            ["requests"] = use.Requests,
        }).ToList(),
    };
}
