using System.Globalization;
using System.Text.Json;

namespace TargetSalesforce.Benchmarks.Input;

/// <summary>
/// The benchmark's Contact-like records: record i is a pure function of i, so every run and every
/// machine streams the same bytes. Twelve properties: nine are real Contact fields, valid for them
/// (LastName always set, emails well formed, dates real, AccountId null as no Account exists);
/// three (updated_at, lead_score, lifetime_value) are tap columns Contact lacks, kept because a tap
/// sends them and the target must parse and drop them (the config sets unknown_fields=warn).
/// </summary>
public static class ContactRecords
{
    public const string StreamName = "contacts";
    public const string SalesforceObject = "Contact";
    public const string KeyField = "External_Id__c";

    /// <summary>The SCHEMA message's `schema`, as a tap would declare these columns.</summary>
    public const string SchemaJson = """
        {"type":"object","properties":{"External_Id__c":{"type":"string"},"FirstName":{"type":["string","null"]},"LastName":{"type":"string"},"Email":{"type":["string","null"]},"Phone":{"type":["string","null"]},"AccountId":{"type":["string","null"]},"Birthdate":{"type":["string","null"],"format":"date"},"HasOptedOutOfEmail":{"type":["boolean","null"]},"Description":{"type":["string","null"]},"updated_at":{"type":"string","format":"date-time"},"lead_score":{"type":["integer","null"]},"lifetime_value":{"type":["number","null"]}},"required":["External_Id__c","LastName","updated_at"]}
        """;

    private static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode(KeyField);
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("FirstName");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("LastName");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("Email");
    private static readonly JsonEncodedText Phone = JsonEncodedText.Encode("Phone");
    private static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("AccountId");
    private static readonly JsonEncodedText Birthdate = JsonEncodedText.Encode("Birthdate");
    private static readonly JsonEncodedText HasOptedOut = JsonEncodedText.Encode("HasOptedOutOfEmail");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("Description");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText LeadScore = JsonEncodedText.Encode("lead_score");
    private static readonly JsonEncodedText LifetimeValue = JsonEncodedText.Encode("lifetime_value");

    // Pairs of (display name, ASCII form for the email address): accents, CJK, Cyrillic, apostrophes.
    private static readonly (string Name, string Ascii)[] FirstNames =
    [
        ("Anna", "anna"), ("José", "jose"), ("Zoë", "zoe"), ("Björn", "bjorn"), ("Mary-Jane", "maryjane"),
        ("Li", "li"), ("Ольга", "olga"), ("François", "francois"), ("Siobhán", "siobhan"), ("Kenji", "kenji"),
        ("D'Arcy", "darcy"), ("Ngozi", "ngozi"), ("Émilie", "emilie"), ("Sørina", "sorina"), ("Tom", "tom"),
    ];

    private static readonly (string Name, string Ascii)[] LastNames =
    [
        ("Smith", "smith"), ("O'Brien", "obrien"), ("Müller", "muller"), ("García-López", "garcialopez"),
        ("Nguyễn", "nguyen"), ("山田", "yamada"), ("Kowalski", "kowalski"), ("Ødegård", "odegard"),
        ("van der Berg", "vanderberg"), ("Иванова", "ivanova"), ("Dubois", "dubois"), ("Okafor", "okafor"),
        ("Smith \"Jr.\"", "smithjr"),
    ];

    private static readonly string[] Notes =
    [
        "Met at the \"Spring Expo\", asked about pricing, renewal, and support tiers.",
        "Prefers email; said: \"call me after 5pm, not before\".",
        "Lead from webinar — follow up in Q3; budget ≈ €12k.",
        "Line one of a note,\nline two after a newline, with a tab\tinside.",
        "Заметка: клиент просил перезвонить; 日本語のメモもあります。",
        "Uses emoji in chat 🚀👍; likes short answers, semicolons; and commas, too.",
        "Backslash \\ and slash / and 'single' quotes; nothing else of note.",
    ];

    private static readonly DateTime UpdatedAtOrigin = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly BirthdateOrigin = new(1940, 1, 1);

    /// <summary>Replication-key value of record i (also what the STATE messages bookmark).</summary>
    public static string UpdatedAtOf(long index) =>
        UpdatedAtOrigin.AddSeconds(index).AddMilliseconds(index % 1000)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes record i (0-based) as the `record` object of a RECORD message.</summary>
    public static void Write(Utf8JsonWriter json, long index)
    {
        var draw = new Draws(index);
        var first = FirstNames[draw.Next(FirstNames.Length)];
        var last = LastNames[draw.Next(LastNames.Length)];

        json.WriteStartObject();
        json.WriteString(ExternalId, string.Create(CultureInfo.InvariantCulture, $"BENCH-{index:D10}"));
        WriteOrNull(json, FirstName, draw.Chance(3), first.Name);
        json.WriteString(LastName, last.Name);
        WriteOrNull(json, Email, draw.Chance(5), string.Create(CultureInfo.InvariantCulture, $"{first.Ascii}.{last.Ascii}.{index}@example.com"));
        WriteOrNull(json, Phone, draw.Chance(20), string.Create(CultureInfo.InvariantCulture, $"+1 555 {draw.Next(1000):D3} {draw.Next(10000):D4}"));
        json.WriteNull(AccountId);
        WriteOrNull(json, Birthdate, draw.Chance(10), BirthdateOrigin.AddDays(draw.Next(65 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteBoolean(HasOptedOut, draw.Chance(30));
        WriteOrNull(json, Description, draw.Chance(15), Notes[draw.Next(Notes.Length)]);
        json.WriteString(UpdatedAt, UpdatedAtOf(index));
        if (draw.Chance(10))
        {
            json.WriteNull(LeadScore);
        }
        else
        {
            json.WriteNumber(LeadScore, draw.Next(101));
        }

        if (draw.Chance(10))
        {
            json.WriteNull(LifetimeValue);
        }
        else
        {
            json.WriteNumber(LifetimeValue, draw.Next(10_000_000) / 100m);
        }

        json.WriteEndObject();
    }

    private static void WriteOrNull(Utf8JsonWriter json, JsonEncodedText name, bool isNull, string value)
    {
        if (isNull)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>A stream of pseudo-random draws seeded by the record index (SplitMix64: fast, well mixed, no state to share).</summary>
    private struct Draws(long index)
    {
        private ulong state = (ulong)index * 0x9E3779B97F4A7C15UL + 0x2545F4914F6CDD1DUL;

        public int Next(int bound)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }

        /// <summary>True in about <paramref name="percent"/> cases out of a hundred.</summary>
        public bool Chance(int percent) => Next(100) < percent;
    }
}
