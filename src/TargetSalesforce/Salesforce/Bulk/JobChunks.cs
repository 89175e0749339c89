namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>Cuts a batch's rows into runs whose CSV (header included) stays within the per-job byte cap.</summary>
internal static class JobChunks
{
    public static List<(int Start, int Count)> Split(IReadOnlyList<ReadOnlyMemory<byte>> rows, long headerBytes, long maxJobBytes)
    {
        var chunks = new List<(int, int)>();
        var start = 0;
        var size = headerBytes;
        for (var i = 0; i < rows.Count; i++)
        {
            // A lone row over the cap still gets a job of its own; Salesforce names its fault.
            if (i > start && size + rows[i].Length > maxJobBytes)
            {
                chunks.Add((start, i - start));
                start = i;
                size = headerBytes;
            }

            size += rows[i].Length;
        }

        if (rows.Count > start)
        {
            chunks.Add((start, rows.Count - start));
        }

        return chunks;
    }
}
