using System.Buffers;
using System.Text;


namespace SalesforceEmulator.Bulk.Csv;

/// <summary>
/// Reads an uploaded CSV row by row, as the Bulk API does: RFC 4180 quoting, the job's delimiter, and the job's
/// line ending enforced outside quotes (inside quotes any line break is data). Blank lines are skipped.
/// A BOM is not removed: before a quoted header it makes the quote unescaped, before a bare one it joins the name.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private const string UnescapedQuote = "InvalidBatch : Failed to parse CSV. Found unescaped quote";
    private const string UnterminatedQuote = "InvalidBatch : Failed to parse CSV. EOF reached before closing quote";

    private static readonly UTF8Encoding Utf8WithoutBomHandling = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly TextReader reader;
    private readonly char delimiter;
    private readonly bool crlf;
    private readonly SearchValues<char> unquotedStops;
    private readonly char[] buffer = new char[1 << 16];
    private char[] scratch = new char[256];
    private int scratchLength;
    private bool materialize = true;
    private int position;
    private int length;

    public CsvRowReader(Stream stream, CsvDialect dialect)
    {
        reader = new StreamReader(stream, Utf8WithoutBomHandling, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        delimiter = dialect.Delimiter;
        crlf = dialect.Crlf;
        unquotedStops = SearchValues.Create([delimiter, '\n', '\r', '"']);
    }

    /// <summary>Whether each field of the last row read was quoted (the results echo the header as uploaded).</summary>
    public List<bool> QuotedFlags { get; } = [];

    /// <summary>Reads the next row into <paramref name="fields"/>; false at the end of the data.</summary>
    public bool ReadRow(List<string> fields) => ReadRow(fields, keepColumn: -2);

    /// <summary>
    /// Checks the next row's syntax like <see cref="ReadRow(List{string})"/> but keeps only one column's text
    /// (the others read as ""), which spares a string for every cell when only the shape matters.
    /// </summary>
    public bool SkimRow(List<string> fields, int keepColumn) => ReadRow(fields, keepColumn);

    private bool ReadRow(List<string> fields, int keepColumn)
    {
        fields.Clear();
        QuotedFlags.Clear();
        while (true)
        {
            if (position >= length && !Fill())
                return false;
            var c = buffer[position];
            if (c is not ('\n' or '\r'))
                break;
            ConsumeLineEnd();
        }
        while (true)
        {
            var quoted = buffer[position] == '"';
            QuotedFlags.Add(quoted);
            materialize = keepColumn == -2 || keepColumn == fields.Count;
            var rowEnded = quoted ? ReadQuotedField(fields) : ReadBareField(fields);
            if (rowEnded)
                return true;
            if (position >= length && !Fill())
            {
                // A delimiter right before the end: the row ends with an empty field.
                fields.Add("");
                QuotedFlags.Add(false);
                return true;
            }
        }
    }

    public void Dispose() => reader.Dispose();

    private bool ReadBareField(List<string> fields)
    {
        scratchLength = 0;
        while (true)
        {
            var span = buffer.AsSpan(position, length - position);
            var stop = span.IndexOfAny(unquotedStops);
            if (stop < 0)
            {
                Append(span);
                position = length;
                if (!Fill())
                {
                    fields.Add(TakeField([]));
                    return true;
                }
                continue;
            }
            var c = span[stop];
            if (c == '"')
                throw new UploadRejectedException(UnescapedQuote);
            fields.Add(TakeField(span[..stop]));
            position += stop;
            return EndField();
        }
    }

    private bool ReadQuotedField(List<string> fields)
    {
        scratchLength = 0;
        position++;
        while (true)
        {
            if (position >= length && !Fill())
                throw new UploadRejectedException(UnterminatedQuote);
            var span = buffer.AsSpan(position, length - position);
            var quote = span.IndexOf('"');
            if (quote < 0)
            {
                Append(span);
                position = length;
                continue;
            }
            Append(span[..quote]);
            position += quote + 1;
            if (position >= length && !Fill())
            {
                fields.Add(TakeField([]));
                return true;
            }
            var next = buffer[position];
            if (next == '"')
            {
                Append("\"");
                position++;
                continue;
            }
            if (next != delimiter && next is not ('\n' or '\r'))
                throw new UploadRejectedException(UnescapedQuote);
            fields.Add(TakeField([]));
            return EndField();
        }
    }

    /// <summary>At a delimiter or a line break after a field: consumes it; true when the row ended.</summary>
    private bool EndField()
    {
        if (buffer[position] == delimiter)
        {
            position++;
            return false;
        }
        ConsumeLineEnd();
        return true;
    }

    private void ConsumeLineEnd()
    {
        var c = buffer[position++];
        if (!crlf)
        {
            if (c == '\r')
                throw LineEndingMismatch();
            return;
        }
        if (c == '\n')
            throw LineEndingMismatch();
        if ((position >= length && !Fill()) || buffer[position] != '\n')
            throw LineEndingMismatch();
        position++;
    }

    private UploadRejectedException LineEndingMismatch() =>
        new($"ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is {(crlf ? "CRLF" : "LF")}");

    private bool Fill()
    {
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (!materialize)
            return;
        if (scratchLength + chars.Length > scratch.Length)
            Array.Resize(ref scratch, Math.Max(scratch.Length * 2, scratchLength + chars.Length));
        chars.CopyTo(scratch.AsSpan(scratchLength));
        scratchLength += chars.Length;
    }

    private string TakeField(ReadOnlySpan<char> tail)
    {
        if (!materialize)
            return "";
        if (scratchLength == 0)
            return tail.Length == 0 ? "" : new string(tail);
        Append(tail);
        return new string(scratch, 0, scratchLength);
    }
}
