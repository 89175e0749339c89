namespace TargetSalesforce.Loading;

/// <summary>
/// One encoded record waiting for (or riding in) a job: its CSV row, its key, and what the state
/// watermark needs to know of it. No JObject is kept, so a buffer costs little more than its CSV.
/// </summary>
internal sealed class BufferedRow
{
    // What few rows carry (a parent lock, the raw record for a reject file, the key JSON for a results file, the
    // records it replaced) sits in one object made when needed: a row waits seconds for its job and is copied by
    // the GC from generation to generation meanwhile, so four mostly-null fields were a quarter of its 88 bytes.
    private Rare? rare;

    public BufferedRow(ReadOnlyMemory<byte> row, string? key, long line, long segment, string? rawRecord, string? parentLock = null)
    {
        Row = row;
        Key = key;
        Line = line;
        Segment = segment;
        if (rawRecord is not null || parentLock is not null)
        {
            rare = new Rare { RawRecord = rawRecord, ParentLock = parentLock };
        }
    }

    /// <summary>The parents the destination locks while saving the row (<see cref="Destination.EncodedRecord.ParentLock"/>), or null.</summary>
    public string? ParentLock => rare?.ParentLock;

    /// <summary>The CSV row: a slice of a shared array (see <c>RowArena</c>).</summary>
    public ReadOnlyMemory<byte> Row { get; }

    /// <summary>
    /// The Id or external id the row writes, or null for an insert; null too once the row is in a job, which
    /// keeps its rows' keys as fingerprints (<see cref="Jobs.LoadJob.Keys"/>).
    /// </summary>
    public string? Key { get; private set; }

    /// <summary>The input line of the record.</summary>
    public long Line { get; }

    /// <summary>The <see cref="StateTracker"/> segment the record was read in.</summary>
    public long Segment { get; }

    /// <summary>The record as JSON, kept only when a reject file is configured.</summary>
    public string? RawRecord => rare?.RawRecord;

    /// <summary>The record's key properties as a JSON object, kept only when a results file is configured.</summary>
    public string? KeyJson
    {
        get => rare?.KeyJson;
        init
        {
            if (value is not null)
            {
                (rare ??= new Rare()).KeyJson = value;
            }
        }
    }

    /// <summary>
    /// Earlier records of the same key that this one replaced in its buffer, oldest first. A Bulk job names a
    /// row once, so they are never sent while this one stands: when this one commits they are superseded;
    /// when it fails, the latest of them is sent before it goes again (<see cref="TakeLatestSuperseded"/>).
    /// </summary>
    public List<BufferedRow>? Superseded
    {
        get => rare?.Superseded;
        private set
        {
            if (value is not null || rare is not null)
            {
                (rare ??= new Rare()).Superseded = value;
            }
        }
    }

    /// <summary>The row has joined a job, which holds its key's fingerprint: the text is not needed again.</summary>
    public void ForgetKey() => Key = null;

    /// <summary>This row plus the rows it replaced.</summary>
    public int RecordCount => 1 + (Superseded?.Count ?? 0);

    public void Supersede(BufferedRow older)
    {
        Superseded ??= [];
        if (older.Superseded is { } earlier)
        {
            Superseded.AddRange(earlier);
            older.Superseded = null;
        }

        Superseded.Add(older);
    }

    /// <summary>
    /// This row failed: hands over the latest record it replaced, now carrying the older ones, to be sent before
    /// this one goes again, as a record-by-record load would have sent them. From here this row stands for
    /// itself alone. Null when it replaced none.
    /// </summary>
    public BufferedRow? TakeLatestSuperseded()
    {
        if (Superseded is not { Count: > 0 } earlier)
        {
            return null;
        }

        var latest = earlier[^1];
        earlier.RemoveAt(earlier.Count - 1);
        latest.Superseded = earlier.Count > 0 ? earlier : null;
        Superseded = null;
        return latest;
    }

    /// <summary>This row and the ones it replaced, each with its own line.</summary>
    public IEnumerable<BufferedRow> Records()
    {
        if (Superseded is not null)
        {
            foreach (var older in Superseded)
            {
                yield return older;
            }
        }

        yield return this;
    }

    private sealed class Rare
    {
        public string? ParentLock { get; init; }

        public string? RawRecord { get; init; }

        public string? KeyJson { get; set; }

        public List<BufferedRow>? Superseded { get; set; }
    }
}
