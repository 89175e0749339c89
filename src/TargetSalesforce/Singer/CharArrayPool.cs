using System.Buffers;
using Newtonsoft.Json;

namespace TargetSalesforce.Singer;

/// <summary>Lends Newtonsoft's readers their char buffers from the shared pool, so a reader per line costs no buffer.</summary>
internal sealed class CharArrayPool : IArrayPool<char>
{
    public static readonly CharArrayPool Instance = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
