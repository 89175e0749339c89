using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// One top-level value of a record: a JSON string, integer, number, boolean or null held as the bare
/// .NET value with its JSON type — no JValue around it, which would be the largest allocation per
/// record — or, for anything else (an object, an array), the token itself. <see cref="ToToken"/>
/// gives the JValue Newtonsoft would have made, for the few paths that need one. A string or number
/// the fast path read may be held as its UTF-8 text instead (<see cref="Utf8Text"/>): most strings only
/// pass through to a CSV row, which is UTF-8 too, so a string of them would be made only to be encoded
/// back; and a number is parsed only if something asks for its value (many columns map to no field).
/// </summary>
public readonly struct FlatValue
{
    private static readonly object True = true;
    private static readonly object False = false;

    // Small integers (counts, scores, flags) are common: one shared box each rather than one per value.
    private const long FirstSharedInteger = -128;
    private const int SharedIntegerCount = 1152; // -128 to 1023
    private static readonly object[] SharedIntegers = BoxSharedIntegers();

    // A value held as UTF-8 text is a byte[] (no other value is one) with its length and bytes from start (see
    // Utf8TextArena): the length lives in the array, not here, so the value stays two words wide.
    private readonly object? value;
    private readonly int start;

    private FlatValue(object? value, JTokenType type)
    {
        this.value = value;
        Type = type;
    }

    private FlatValue(byte[] utf8, int start, JTokenType type)
    {
        value = utf8;
        this.start = start;
        Type = type;
    }

    /// <summary>The JSON type, as a JToken of this value would report it.</summary>
    public JTokenType Type { get; }

    /// <summary>The value as a token (an object, an array, or a rarer scalar), or null for a plain scalar.</summary>
    public JToken? Token => value as JToken;

    /// <summary>The .NET value of a plain scalar: string, long or BigInteger, decimal, bool, or null.</summary>
    public object? Scalar => value switch
    {
        JToken => null,
        byte[] utf8 => Type switch
        {
            JTokenType.String => Decode(utf8),
            JTokenType.Integer => Integer(long.Parse(Utf8TextArena.Slice(utf8, start).Span, provider: CultureInfo.InvariantCulture)).value,
            _ => decimal.Parse(Utf8TextArena.Slice(utf8, start).Span, FractionStyle, CultureInfo.InvariantCulture),
        },
        _ => value,
    };

    /// <summary>What a fraction held as text may hold, and all <see cref="Scalar"/> parses it with: a sign and a point.</summary>
    internal const NumberStyles FractionStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>The text of a JSON string (made anew from <see cref="Utf8Text"/> when held as UTF-8), else null.</summary>
    public string? Text => Type != JTokenType.String ? null : value is byte[] utf8 ? Decode(utf8) : value as string;

    /// <summary>Whether this is a string held as UTF-8 (<see cref="Utf8Text"/>) rather than as a .NET string.</summary>
    public bool IsUtf8Text => Type == JTokenType.String && value is byte[];

    /// <summary>The <see cref="Utf8TextArena"/> array of a string or number held as text, else null.</summary>
    internal byte[]? ArenaChunk => value as byte[];

    /// <summary>Where a value held as text starts in its arena array.</summary>
    internal int ArenaStart => start;

    /// <summary>A string held as UTF-8: its bytes, unescaped; empty for any other value.</summary>
    public ReadOnlySpan<byte> Utf8Text => Utf8Memory.Span;

    /// <summary>A string held as UTF-8: where its bytes are (for a view that hands them on without a copy).</summary>
    internal ReadOnlyMemory<byte> Utf8Memory => IsUtf8Text ? Utf8TextArena.Slice((byte[])value!, start) : default;

    public static FlatValue Null { get; } = new(null, JTokenType.Null);

    /// <summary>
    /// A value as its UTF-8 text, stored by <see cref="Utf8TextArena"/> at <paramref name="start"/> of <paramref name="utf8"/>,
    /// which nothing may write again: a string unescaped and valid; an integer that certainly fits a long; or a fraction
    /// of digits, a sign and a point that certainly fits a decimal (<see cref="FractionStyle"/>).
    /// </summary>
    internal static FlatValue FromText(byte[] utf8, int start, JTokenType type) => new(utf8, start, type);

    public static FlatValue Integer(long number) =>
        new(number - FirstSharedInteger is >= 0 and < SharedIntegerCount ? SharedIntegers[number - FirstSharedInteger] : number, JTokenType.Integer);


    public static FlatValue Boolean(bool flag) => new(flag ? True : False, JTokenType.Boolean);

    /// <summary>A value Newtonsoft read: the common scalars unwrapped, anything else kept as its token.</summary>
    public static FlatValue From(JToken token) => token switch
    {
        JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean } scalar => new(scalar.Value, scalar.Type),
        JValue { Type: JTokenType.Null } => Null,
        _ => new(token, token.Type),
    };

    /// <summary>A scalar value as Newtonsoft's reader hands it over (its token type and value).</summary>
    public static FlatValue FromReader(Newtonsoft.Json.JsonToken tokenType, object? readerValue) => tokenType switch
    {
        Newtonsoft.Json.JsonToken.String => new(readerValue, JTokenType.String),
        Newtonsoft.Json.JsonToken.Integer => new(readerValue, JTokenType.Integer),
        Newtonsoft.Json.JsonToken.Float => new(readerValue, JTokenType.Float),
        Newtonsoft.Json.JsonToken.Boolean => Boolean((bool)readerValue!),
        Newtonsoft.Json.JsonToken.Null => Null,
        Newtonsoft.Json.JsonToken.Undefined => new(JValue.CreateUndefined(), JTokenType.Undefined),
        _ => From(new JValue(readerValue)),
    };

    /// <summary>The value as a JToken: a new JValue for a scalar (each caller its own), the token itself otherwise.</summary>
    public JToken ToToken() => value switch
    {
        JToken token => token,
        _ when Type == JTokenType.Null => JValue.CreateNull(),
        _ => new JValue(Scalar),
    };

    private string Decode(byte[] utf8) => System.Text.Encoding.UTF8.GetString(Utf8TextArena.Slice(utf8, start).Span);

    public override string ToString() => ToToken().ToString(Newtonsoft.Json.Formatting.None);

    // A loop, not Enumerable.Range(...).Select(...): that LINQ chain would be compiled at every start.
    private static object[] BoxSharedIntegers()
    {
        var boxes = new object[SharedIntegerCount];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = i + FirstSharedInteger;
        }

        return boxes;
    }
}
