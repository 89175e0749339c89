using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TargetSalesforce.Benchmarks.Input;

/// <summary>
/// The lock-heavy input: a few hundred Accounts, then Contacts each naming one Account by its external id
/// (<c>Account.External_Id__c</c>), drawn with a Zipf-like skew (the k-th Account is chosen in proportion to 1/k), as
/// real child data is: a few parents have most of the children. Written twice from the same draws: as a Singer
/// stream for the target, and as the Contacts' CSV for jsforce. Contact i's Account is a pure function of i.
/// </summary>
public sealed record LockHeavyInput(string SingerPath, string AccountsCsvPath, string ContactsCsvPath, long Contacts, int Accounts)
{
    public static LockHeavyInput Create(string directory, long contacts, int accounts)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"lock-heavy-{contacts}-{accounts}"));
        var stream = new LockHeavyInput(stem + ".singer.jsonl", stem + ".accounts.csv", stem + ".contacts.csv", contacts, accounts);
        var cumulative = new double[accounts];
        var total = 0.0;
        for (var k = 0; k < accounts; k++)
        {
            total += 1.0 / (k + 1);
            cumulative[k] = total;
        }

        using var singer = new StreamWriter(stream.SingerPath, false, new UTF8Encoding(false));
        using var accountsCsv = new StreamWriter(stream.AccountsCsvPath, false, new UTF8Encoding(false));
        using var contactsCsv = new StreamWriter(stream.ContactsCsvPath, false, new UTF8Encoding(false));
        singer.Write("""{"type":"SCHEMA","stream":"Account","schema":{"type":"object","properties":{"External_Id__c":{"type":"string"},"Name":{"type":"string"}}},"key_properties":["External_Id__c"]}""" + "\n");
        accountsCsv.Write("External_Id__c,Name\n");
        for (var a = 0; a < accounts; a++)
        {
            singer.Write(Invariant($$$"""{"type":"RECORD","stream":"Account","record":{"External_Id__c":"ACC-{{{a}}}","Name":"Account {{{a}}}"}}""") + "\n");
            accountsCsv.Write(Invariant($"ACC-{a},Account {a}\n"));
        }

        singer.Write("""{"type":"SCHEMA","stream":"Contact","schema":{"type":"object","properties":{"External_Id__c":{"type":"string"},"LastName":{"type":"string"},"Account":{"type":"object","properties":{"External_Id__c":{"type":"string"}}}}},"key_properties":["External_Id__c"]}""" + "\n");
        contactsCsv.Write("External_Id__c,LastName,Account.External_Id__c\n");
        for (long c = 0; c < contacts; c++)
        {
            var draw = Unit(c) * total;
            var account = Array.BinarySearch(cumulative, draw);
            account = Math.Min(account < 0 ? ~account : account, accounts - 1);
            singer.Write(Invariant($"{{\"type\":\"RECORD\",\"stream\":\"Contact\",\"record\":{{\"External_Id__c\":\"LH-{c}\",\"LastName\":\"Person {c}\",\"Account\":{{\"External_Id__c\":\"ACC-{account}\"}}}}}}\n"));
            contactsCsv.Write(Invariant($"LH-{c},Person {c},ACC-{account}\n"));
        }

        singer.Write(Invariant($"{{\"type\":\"STATE\",\"value\":{{\"contacts\":{contacts}}}}}\n"));
        return stream;
    }

    /// <summary>The final state the target must relay.</summary>
    public string FinalState => Invariant($"{{\"contacts\":{Contacts}}}");

    /// <summary>A number in [0, 1) drawn from i alone (splitmix64), so every run draws the same Accounts.</summary>
    private static double Unit(long i)
    {
        var z = unchecked((ulong)i + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
