using System.Globalization;
using System.Text;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// The Sforce-Locator of a results page: the position of its first row, written as the base64 of the number without
/// padding (the guide's example locator "MTAwMDA" reads "10000"). It stays valid as long as its job exists, so a page
/// can be read again.
/// </summary>
public static class ResultLocator
{
    public static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    public static bool TryDecode(string locator, out int offset)
    {
        offset = 0;
        if (locator.Length is 0 or > 16)
            return false;
        var padded = locator.PadRight((locator.Length + 3) / 4 * 4, '=');
        Span<byte> bytes = stackalloc byte[12];
        return Convert.TryFromBase64String(padded, bytes, out var written)
            && int.TryParse(Encoding.ASCII.GetString(bytes[..written]), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
