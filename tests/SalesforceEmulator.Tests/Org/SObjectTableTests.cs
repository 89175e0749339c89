using System.Text;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class SObjectTableTests
{
    private const string OrgJson = """
        {"objects":[{"name":"Thing__c","keyPrefix":"a09","fields":[
          {"name":"Key__c","type":"string","length":255,"externalId":true,"unique":true,"idLookup":true},
          {"name":"Mail__c","type":"email","length":80,"idLookup":true},
          {"name":"Note__c","type":"textarea","length":32000}]}]}
        """;

    private SObjectTable table = null!;
    private SObjectField key = null!;
    private SObjectField mail = null!;
    private SObjectField note = null!;

    [SetUp]
    public void CreateTable()
    {
        var definition = OrgDefinition.Parse(new MemoryStream(Encoding.UTF8.GetBytes(OrgJson)), "test");
        var org = new OrgStore(definition, seed: 1, TimeProvider.System);
        table = org.Find("Thing__c")!;
        key = table.Schema.FindField("Key__c")!;
        mail = table.Schema.FindField("Mail__c")!;
        note = table.Schema.FindField("Note__c")!;
    }

    private SObjectRecord Insert(string? keyValue, string? mailValue = null, string? noteValue = null)
    {
        var values = new string?[table.Schema.Fields.Count];
        values[key.Ordinal] = keyValue;
        values[mail.Ordinal] = mailValue;
        values[note.Ordinal] = noteValue;
        lock (table.SyncRoot)
            return table.Insert(values);
    }

    private void Replace(SObjectRecord record, SObjectField field, string? value)
    {
        var values = record.ToArray();
        values[field.Ordinal] = value;
        lock (table.SyncRoot)
            table.Replace(record, ValueRow.Of(values));
    }

    private IReadOnlyList<SObjectRecord> Find(SObjectField field, string value)
    {
        lock (table.SyncRoot)
            return table.FindByValue(field, value);
    }

    [Test]
    public void Records_across_many_chunks_keep_their_values_ids_and_index_entries()
    {
        // About 4 KB a record: a few hundred records fill several 1 MB chunks.
        var records = Enumerable.Range(0, 1_200).Select(i => Insert($"key-{i}", $"m{i}@x.com", new string((char)('a' + i % 26), 4_000 + i))).ToList();

        Assert.That(records.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1_200));
        for (var i = 0; i < records.Count; i += 7)
        {
            Assert.That(records[i][note.Ordinal], Has.Length.EqualTo(4_000 + i), $"record {i}");
            Assert.That(Find(key, $"KEY-{i}"), Is.EqualTo(new[] { records[i] }), $"record {i}");
            lock (table.SyncRoot)
                Assert.That(table.FindById(records[i].Id), Is.SameAs(records[i]));
        }
        Assert.That(table.SnapshotLive(), Is.EqualTo(records), "listed in insertion order");
    }

    [Test]
    public void Lookup_values_match_ignoring_case_including_non_ascii_letters()
    {
        var record = Insert("Straße-Ärger-ÉTÉ", "Ünïcödé@Example.COM");

        Assert.That(Find(key, "straße-ärger-été"), Is.EqualTo(new[] { record }));
        Assert.That(Find(mail, "üNÏCÖDÉ@example.com"), Is.EqualTo(new[] { record }));
        Assert.That(Find(key, "strasse-ärger-été"), Is.Empty, "no linguistic folding");
        Assert.That(record[key.Ordinal], Is.EqualTo("Straße-Ärger-ÉTÉ"), "stored as written");
    }

    [Test]
    public void An_update_that_changes_a_key_moves_the_index_entry()
    {
        var record = Insert("old", "a@x.com");

        Replace(record, key, "new");
        Replace(record, mail, null);

        Assert.That(Find(key, "old"), Is.Empty);
        Assert.That(Find(key, "NEW"), Is.EqualTo(new[] { record }));
        Assert.That(Find(mail, "a@x.com"), Is.Empty);
        Assert.That(record[mail.Ordinal], Is.Null);
    }

    [Test]
    public void Records_sharing_a_lookup_value_are_listed_in_the_order_they_came_to_hold_it()
    {
        var first = Insert("1", "same@x.com");
        var second = Insert("2", "SAME@x.com");
        var third = Insert("3", "other@x.com");

        Assert.That(Find(mail, "same@X.com"), Is.EqualTo(new[] { first, second }));

        Replace(first, mail, "elsewhere@x.com");
        Replace(third, mail, "same@x.com");
        Replace(first, mail, "same@x.com");

        Assert.That(Find(mail, "same@x.com"), Is.EqualTo(new[] { second, third, first }));
    }

    [Test]
    public void Deleted_records_leave_the_indexes_and_a_freed_slot_is_listed_where_it_was()
    {
        var a = Insert("a");
        var b = Insert("b");
        var c = Insert("c");
        lock (table.SyncRoot)
        {
            table.SoftDelete(b);
            table.HardDelete(a);
        }

        Assert.That(Find(key, "a"), Is.Empty);
        Assert.That(Find(key, "b"), Is.Empty);
        Assert.That(b.IsDeleted, Is.True);
        Assert.That(b[table.Schema.IsDeleted.Ordinal], Is.EqualTo("true"));
        lock (table.SyncRoot)
        {
            Assert.That(table.FindById(a.Id), Is.Null);
            Assert.That(table.FindById(b.Id), Is.SameAs(b), "the recycle bin still answers by id");
            Assert.That(table.LiveCount, Is.EqualTo(1));
        }

        var d = Insert("a");

        Assert.That(table.SnapshotLive(), Is.EqualTo(new[] { d, c }), "the new record takes the freed first slot");
        Assert.That(Find(key, "A"), Is.EqualTo(new[] { d }));
        Assert.That(a[key.Ordinal], Is.EqualTo("a"), "a deleted record someone holds still reads its values");
    }

    [Test]
    public void Repeated_updates_are_compacted_and_values_survive()
    {
        var records = Enumerable.Range(0, 50).Select(i => Insert($"k{i}", null, "x")).ToList();
        var big = new string('z', 20_000);

        for (var round = 0; round < 20; round++)
        {
            foreach (var record in records)
                Replace(record, note, big + round);
        }

        var (live, dead) = table.PackedBytes;
        Assert.That(dead, Is.LessThanOrEqualTo(Math.Max(live, 4L * PackedChunks.ChunkSize)), "old versions were compacted away");
        Assert.That(records.Select(r => r[note.Ordinal]), Is.All.EqualTo(big + 19));
        Assert.That(Find(key, "k49"), Is.EqualTo(new[] { records[49] }));
    }

    [Test]
    public void An_id_given_to_a_seeded_record_is_skipped_by_the_sequence()
    {
        var first = Insert("first");
        Assert.That(first.Id, Is.EqualTo(SalesforceId.Create("a09", 1_000_000_001)), "seed 1 numbers from here");
        var next = SalesforceId.Create("a09", 1_000_000_002);
        var values = new string?[table.Schema.Fields.Count];
        lock (table.SyncRoot)
            table.Insert(values, next);

        var second = Insert("second");

        Assert.That(second.Id, Is.EqualTo(SalesforceId.Create("a09", 1_000_000_003)));
        lock (table.SyncRoot)
            Assert.That(table.FindById(next)!.Id, Is.EqualTo(next));
    }
    private SObjectRecord? FindById(string id)
    {
        lock (table.SyncRoot)
            return table.FindById(id);
    }

    private SObjectRecord InsertWithId(string id, string keyValue)
    {
        var values = new string?[table.Schema.Fields.Count];
        values[key.Ordinal] = keyValue;
        lock (table.SyncRoot)
            return table.Insert(values, id);
    }

    [Test]
    public void Given_ids_and_numbered_ids_are_each_found_by_id()
    {
        var numbered = Insert("numbered");
        var given = InsertWithId("a09000000000ZZZIAW", "given");
        var lookalike = InsertWithId(SalesforceId.Create("a09", 1_000_000_009), "looks numbered");
        var later = Insert("later");

        Assert.That(FindById(numbered.Id), Is.SameAs(numbered));
        Assert.That(FindById("a09000000000ZZZIAW"), Is.SameAs(given));
        Assert.That(FindById(lookalike.Id), Is.SameAs(lookalike));
        Assert.That(FindById(later.Id), Is.SameAs(later));
        Assert.That(later.Id, Is.EqualTo(SalesforceId.Create("a09", 1_000_000_002)));
    }

    [Test]
    public void Ids_never_issued_are_not_found()
    {
        var record = Insert("only");

        Assert.Multiple(() =>
        {
            Assert.That(FindById(SalesforceId.Create("a09", 1_000_000_002)), Is.Null, "the next number");
            Assert.That(FindById(SalesforceId.Create("a09", 1_000_000_000)), Is.Null, "just before the first number");
            Assert.That(FindById(SalesforceId.Create("a09", 1)), Is.Null, "far before the first number");
            Assert.That(FindById(SalesforceId.Create("a09", 800_000_000_000_000_000)), Is.Null, "far past the last number");
            Assert.That(FindById("a0900zzzzzzzzzzAAA"), Is.Null, "the largest ten digits");
            Assert.That(FindById(SalesforceId.Create("a0A", 1_000_000_001)), Is.Null, "another object's key prefix");
            Assert.That(FindById("a0901" + record.Id[5..]), Is.Null, "another pod");
            Assert.That(FindById(record.Id[..15]), Is.Null, "the 15-character form is normalized by callers");
            Assert.That(FindById(record.Id[..15] + "ZZZ"), Is.Null, "a suffix that does not match the case");
            Assert.That(FindById(record.Id), Is.SameAs(record));
        });
    }

    [Test]
    public void A_numbered_id_in_another_letter_case_is_not_the_record()
    {
        var records = Enumerable.Range(0, 40).Select(i => Insert($"k{i}")).ToList();
        var withLetters = records.Select(r => r.Id).First(id => id[..15].Any(char.IsAsciiLetterLower));
        var upper = withLetters[..15].ToUpperInvariant();
        SalesforceId.TryNormalize(upper, out var otherId);

        Assert.That(otherId, Is.Not.EqualTo(withLetters));
        Assert.That(FindById(otherId), Is.Null, "ids are case-sensitive in their first 15 characters");
        Assert.That(FindById(withLetters.ToUpperInvariant()), Is.Null, "the table takes only the normalized form");
        Assert.That(SalesforceId.TryNormalize(withLetters.ToUpperInvariant(), out var normalized) ? FindById(normalized) : null,
            Is.SameAs(records.Single(r => r.Id == withLetters)));
    }

    [Test]
    public void Deleted_records_are_found_by_id_until_removed_for_good_and_their_slot_goes_to_another_id()
    {
        var numbered = Insert("numbered");
        var given = InsertWithId("a09000000000ZZZIAW", "given");
        lock (table.SyncRoot)
        {
            table.SoftDelete(numbered);
            table.SoftDelete(given);
        }
        Assert.That(FindById(numbered.Id), Is.SameAs(numbered), "in the recycle bin");
        Assert.That(FindById(given.Id), Is.SameAs(given), "in the recycle bin");

        lock (table.SyncRoot)
        {
            table.HardDelete(numbered);
            table.HardDelete(given);
        }
        var reuser = Insert("takes a freed slot");
        var secondReuser = Insert("takes the other freed slot");

        Assert.That(FindById(numbered.Id), Is.Null);
        Assert.That(FindById(given.Id), Is.Null);
        Assert.That(FindById(reuser.Id), Is.SameAs(reuser));
        Assert.That(FindById(secondReuser.Id), Is.SameAs(secondReuser));
        Assert.That(reuser.Id, Is.Not.EqualTo(numbered.Id), "a number is never issued twice");
        Assert.That(InsertWithId(given.Id, "given again").Id, Is.EqualTo(given.Id), "a removed given id is free again");
    }

    [Test]
    public void A_given_id_already_issued_by_the_sequence_is_refused()
    {
        var numbered = Insert("numbered");

        Assert.That(() => InsertWithId(numbered.Id, "clash"), Throws.ArgumentException);
        Assert.That(FindById(numbered.Id), Is.SameAs(numbered));
    }

    [Test]
    public void Clearing_restarts_the_numbers_and_forgets_every_id()
    {
        var before = Insert("before");
        var given = InsertWithId("a09000000000ZZZIAW", "given");

        table.Clear();

        Assert.That(FindById(before.Id), Is.Null);
        Assert.That(FindById(given.Id), Is.Null);
        var after = Insert("after");
        Assert.That(after.Id, Is.EqualTo(before.Id));
        Assert.That(FindById(after.Id), Is.SameAs(after));
    }
    [Test]
    public void A_field_never_searched_while_records_come_and_go_is_searched_correctly_afterwards()
    {
        var records = Enumerable.Range(0, 6_000).Select(i => Insert($"k{i}", $"m{i % 1_000}@x.com")).ToList();
        lock (table.SyncRoot)
        {
            for (var i = 0; i < records.Count; i += 5)
                table.HardDelete(records[i]);
            for (var i = 1; i < records.Count; i += 5)
                table.SoftDelete(records[i]);
        }
        for (var i = 2; i < records.Count; i += 5)
            Replace(records[i], mail, "moved@x.com");
        var late = Insert("late", "m3@x.com");

        var expected = records.Where((_, i) => i % 1_000 == 3 && i % 5 is 3 or 4).Append(late);
        Assert.That(Find(mail, "M3@x.com"), Is.EqualTo(expected), "the order records came to hold the value");
        Assert.That(Find(mail, "moved@x.com"), Is.EqualTo(records.Where((_, i) => i % 5 == 2)));
        Assert.That(Find(mail, "m0@x.com"), Is.EqualTo(records.Where((_, i) => i % 1_000 == 0 && i % 5 is 3 or 4)));
    }
}
