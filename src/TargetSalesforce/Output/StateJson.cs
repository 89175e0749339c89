using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Output;

/// <summary>A state value as one compact JSON line, its dates and numbers untouched.</summary>
public static class StateJson
{
    public static string ToLine(string stateJson)
    {
        if (!stateJson.Contains('\n') && !stateJson.Contains('\r'))
        {
            return stateJson;
        }

        using var reader = new JsonTextReader(new StringReader(stateJson))
        {
            DateParseHandling = DateParseHandling.None, // a bookmark string stays exactly as the tap wrote it
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        return JToken.ReadFrom(reader).ToString(Formatting.None);
    }
}
