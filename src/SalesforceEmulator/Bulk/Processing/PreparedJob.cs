using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Processing;

/// <summary>
/// A job whose upload passed its check, while its chunks are handed out: what every chunk needs (the plan, the
/// repeated keys, the lock-taking columns) and the one reader that copies each chunk's rows out of the upload in order.
/// </summary>
internal sealed class PreparedJob(IngestJob job, SObjectTable table, ColumnPlan plan, RepeatedKeys keys, LockColumns? locks) : IDisposable
{
    private readonly object readerGate = new();
    private readonly CsvRowReader reader = OpenPastHeader(job);
    private int nextChunkToRead;
    private bool abandoned;
    private int chunksTaken;
    private int chunksFinished;

    public IngestJob Job => job;

    public SObjectTable Table => table;

    public ColumnPlan Plan => plan;

    public RepeatedKeys Keys => keys;

    /// <summary>The columns whose parents a transaction locks; null when the upload has none.</summary>
    public LockColumns? Locks => locks;

    /// <summary>Whether a chunk is left to hand out. Caller holds the pool's gate.</summary>
    public bool HasChunkLeft => chunksTaken < job.ChunkCount;

    /// <summary>The next chunk's number. Caller holds the pool's gate.</summary>
    public int TakeChunk() => chunksTaken++;

    /// <summary>
    /// Copies chunk <paramref name="chunk"/>'s rows out of the upload. Chunks are read in order: a worker that took
    /// a later chunk waits (briefly: a read, never a run) for the earlier one's read.
    /// </summary>
    public ChunkRows Read(int chunk)
    {
        lock (readerGate)
        {
            while (!abandoned && nextChunkToRead != chunk)
                Monitor.Wait(readerGate);
            var rows = new ChunkRows(chunk * JobProcessor.ChunkSize);
            if (abandoned)
                return rows;
            var row = new CsvRow();
            while (rows.Count < JobProcessor.ChunkSize && rows.FirstRow + rows.Count < job.RowCount && reader.ReadRow(row))
                rows.Add(row);
            nextChunkToRead++;
            if (nextChunkToRead == job.ChunkCount)
                reader.Dispose();
            Monitor.PulseAll(readerGate);
            return rows;
        }
    }

    /// <summary>Notes a chunk ended; true for the job's last one.</summary>
    public bool FinishChunk() => Interlocked.Increment(ref chunksFinished) == job.ChunkCount;

    public void Dispose() => Abandon();

    private static CsvRowReader OpenPastHeader(IngestJob job)
    {
        var reader = job.OpenUpload();
        try
        {
            reader.ReadRow(new CsvRow());
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Frees the reader of a job whose remaining chunks will never run (it was aborted or deleted).</summary>
    public void Abandon()
    {
        lock (readerGate)
        {
            if (!abandoned && nextChunkToRead < job.ChunkCount)
                reader.Dispose();
            abandoned = true;
            Monitor.PulseAll(readerGate);
        }
    }
}
