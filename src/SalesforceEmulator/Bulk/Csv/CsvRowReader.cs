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
    private int position;
    private int length;

    public CsvRowReader(Stream stream, CsvDialect dialect)
    {
        reader = new StreamReader(stream, Utf8WithoutBomHandling, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        delimiter = dialect.Delimiter;
        crlf = dialect.Crlf;
        unquotedStops = SearchValues.Create([delimiter, '\n', '\r', '"']);
    }

    /// <summary>Reads the next row into <paramref name="row"/> (replacing what it held); false at the end of the data.</summary>
    public bool ReadRow(CsvRow row)
    {
        row.Clear();
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
            row.StartField(quoted);
            var rowEnded = quoted ? ReadQuotedField(row) : ReadBareField(row);
            if (rowEnded)
                return true;
            if (position >= length && !Fill())
            {
                // A delimiter right before the end: the row ends with an empty field.
                row.StartField(false);
                return true;
            }
        }
    }

    public void Dispose() => reader.Dispose();

    private bool ReadBareField(CsvRow row)
    {
        while (true)
        {
            var span = buffer.AsSpan(position, length - position);
            var stop = span.IndexOfAny(unquotedStops);
            if (stop < 0)
            {
                row.Append(span);
                position = length;
                if (!Fill())
                    return true;
                continue;
            }
            if (span[stop] == '"')
                throw new UploadRejectedException(UnescapedQuote);
            row.Append(span[..stop]);
            position += stop;
            return EndField();
        }
    }

    private bool ReadQuotedField(CsvRow row)
    {
        position++;
        while (true)
        {
            if (position >= length && !Fill())
                throw new UploadRejectedException(UnterminatedQuote);
            var span = buffer.AsSpan(position, length - position);
            var quote = span.IndexOf('"');
            if (quote < 0)
            {
                row.Append(span);
                position = length;
                continue;
            }
            row.Append(span[..quote]);
            position += quote + 1;
            if (position >= length && !Fill())
                return true;
            var next = buffer[position];
            if (next == '"')
            {
                row.Append("\"");
                position++;
                continue;
            }
            if (next != delimiter && next is not ('\n' or '\r'))
                throw new UploadRejectedException(UnescapedQuote);
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
}
