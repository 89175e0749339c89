using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// One top-level value of a record: a JSON string, integer, number, boolean or null held as the bare
/// .NET value with its JSON type — no JValue around it, which would be the largest allocation per
/// record — or, for anything else (an object, an array), the token itself. <see cref="ToToken"/>
/// gives the JValue Newtonsoft would have made, for the few paths that need one.
/// </summary>
public readonly struct FlatValue
{
    private static readonly object True = true;
    private static readonly object False = false;

    // Small integers (counts, scores, flags) are common: one shared box each rather than one per value.
    private const long FirstSharedInteger = -128;
    private const int SharedIntegerCount = 1152; // -128 to 1023
    private static readonly object[] SharedIntegers = BoxSharedIntegers();

    private readonly object? value;

    private FlatValue(object? value, JTokenType type)
    {
        this.value = value;
        Type = type;
    }

    /// <summary>The JSON type, as a JToken of this value would report it.</summary>
    public JTokenType Type { get; }

    /// <summary>The value as a token (an object, an array, or a rarer scalar), or null for a plain scalar.</summary>
    public JToken? Token => value as JToken;

    /// <summary>The .NET value of a plain scalar: string, long or BigInteger, decimal, bool, or null.</summary>
    public object? Scalar => value is JToken ? null : value;

    /// <summary>The text of a JSON string, else null.</summary>
    public string? Text => Type == JTokenType.String ? value as string : null;

    public static FlatValue Null { get; } = new(null, JTokenType.Null);

    public static FlatValue String(string text) => new(text, JTokenType.String);

    public static FlatValue Integer(long number) =>
        new(number - FirstSharedInteger is >= 0 and < SharedIntegerCount ? SharedIntegers[number - FirstSharedInteger] : number, JTokenType.Integer);

    public static FlatValue Float(decimal number) => new(number, JTokenType.Float);

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
        _ => new JValue(value),
    };

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
