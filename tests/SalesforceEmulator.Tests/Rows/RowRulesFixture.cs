using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// The emulator started on the row-rule tests' own small org (<c>row-rules-org.json</c>): Task with polymorphic
/// What, Who and Owner, Lead and Case owned by a user or a queue, Account and Case record types, users, groups and an
/// assignment rule, with fixed ids the tests name.
/// </summary>
public abstract class RowRulesFixture : EmulatorFixture
{
    protected const string CustomerRecordType = "012000000000001AAA";
    protected const string PartnerRecordType = "012000000000002AAA";
    protected const string RetiredRecordType = "012000000000003AAA";
    protected const string CaseRecordType = "012000000000004AAA";
    protected const string AdminUser = "005000000000001AAA";
    protected const string SalesUser = "005000000000002AAA";
    protected const string SupportQueue = "00G000000000001EAA";
    protected const string LeadRule = "01Q000000000001EAA";

    /// <summary>The org file, copied beside the test assembly.</summary>
    public static string OrgFile => Path.Combine(AppContext.BaseDirectory, "Rows", "row-rules-org.json");

    protected override EmulatorOptions CreateOptions() => new() { OrgFile = OrgFile };
}
