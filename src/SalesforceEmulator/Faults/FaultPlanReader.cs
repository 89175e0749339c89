using System.Text.Json;

namespace SalesforceEmulator.Faults;

/// <summary>
/// Reads a fault plan: {"faults": [rule, …]} or a bare [rule, …]. Every mistake is reported with where it is
/// (e.g. "faults.json: faults[2].share: must be a number from 0 to 1"); unknown keys are mistakes too, so a
/// typo never silently disables a fault.
/// </summary>
public static class FaultPlanReader
{
    private static readonly Dictionary<string, FaultKind> Kinds = Enum.GetValues<FaultKind>()
        .ToDictionary(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), StringComparer.Ordinal);

    private static readonly HashSet<string> RequestKinds = ["httpError", "requestLimit", "htmlBody", "emptyBody", "latency", "dropConnection"];

    public static IReadOnlyList<FaultRule> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new FaultPlanException($"{path}: cannot read the fault plan: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FaultPlanException($"{path}: cannot read the fault plan: {e.Message}");
        }

        return Read(text, path);
    }

    public static IReadOnlyList<FaultRule> Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FaultPlanException($"{source}: not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("faults", out var faults) && faults.ValueKind == JsonValueKind.Array => faults,
                _ => throw new FaultPlanException($"{source}: expected {{\"faults\": [...]}} or an array of faults"),
            };

            return [.. list.EnumerateArray().Select((element, i) => ReadRule(element, $"{source}: faults[{i}]"))];
        }
    }

    private static FaultRule ReadRule(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FaultPlanException($"{where}: expected an object");
        }

        var fields = new FieldReader(element, where);
        var kindName = fields.String("kind") ?? throw new FaultPlanException($"{where}.kind: required ({string.Join(", ", Kinds.Keys)})");
        if (!Kinds.TryGetValue(kindName, out var kind))
        {
            throw new FaultPlanException($"{where}.kind: '{kindName}' is not one of {string.Join(", ", Kinds.Keys)}");
        }

        var rule = new FaultRule { Kind = kind, Definition = element.Clone() };

        var allowed = new HashSet<string>(StringComparer.Ordinal) { "kind", "times" };
        if (RequestKinds.Contains(kindName))
        {
            allowed.UnionWith(["route", "share", "nth"]);
            var route = fields.String("route");
            if (route is not null)
            {
                rule = rule with { Route = RouteMatcher.Parse(route, out var error) ?? throw new FaultPlanException($"{where}.route: {error}") };
            }
        }

        switch (kind)
        {
            case FaultKind.HttpError:
                allowed.UnionWith(["status", "message"]);
                rule = rule with
                {
                    Status = fields.Int("status", 400, 599) ?? throw new FaultPlanException($"{where}.status: required for httpError (e.g. 500, 502, 503)"),
                    Message = fields.String("message"),
                };
                break;
            case FaultKind.RequestLimit:
                allowed.Add("limit");
                var limit = fields.String("limit") ?? "concurrent";
                if (limit is not ("concurrent" or "daily"))
                {
                    throw new FaultPlanException($"{where}.limit: '{limit}' is not one of concurrent, daily");
                }

                rule = rule with { Limit = limit };
                break;
            case FaultKind.HtmlBody or FaultKind.EmptyBody:
                allowed.Add("status");
                rule = rule with { Status = fields.Int("status", 200, 599) ?? 200 };
                break;
            case FaultKind.Latency:
                allowed.Add("milliseconds");
                rule = rule with
                {
                    Delay = TimeSpan.FromMilliseconds(fields.Int("milliseconds", 0, int.MaxValue)
                        ?? throw new FaultPlanException($"{where}.milliseconds: required for latency")),
                };
                break;
            case FaultKind.DropConnection:
                allowed.Add("stage");
                var stage = fields.String("stage") ?? "afterRoute";
                if (stage is not ("afterRoute" or "beforeRoute"))
                {
                    throw new FaultPlanException($"{where}.stage: '{stage}' is not one of afterRoute, beforeRoute");
                }

                rule = rule with { BeforeRoute = stage == "beforeRoute" };
                break;
            case FaultKind.SessionExpiry:
                allowed.UnionWith(["afterRequests", "afterSeconds"]);
                var seconds = fields.Double("afterSeconds", 0, double.MaxValue);
                rule = rule with
                {
                    AfterRequests = fields.Int("afterRequests", 0, int.MaxValue),
                    AfterSeconds = seconds is null ? null : TimeSpan.FromSeconds(seconds.Value),
                };
                if (rule.AfterRequests is null && rule.AfterSeconds is null)
                {
                    throw new FaultPlanException($"{where}: sessionExpiry needs afterRequests or afterSeconds");
                }

                break;
            case FaultKind.LockRows:
                allowed.Add("share");
                break;
            case FaultKind.FailJob:
                allowed.UnionWith(["object", "message", "share", "nth"]);
                rule = rule with { ObjectName = fields.String("object"), Message = fields.String("message") };
                break;
        }

        if (allowed.Contains("share"))
        {
            rule = rule with { Share = fields.Double("share", 0, 1) ?? 1.0 };
        }

        if (allowed.Contains("nth"))
        {
            rule = rule with { Nth = fields.Int("nth", 1, int.MaxValue) };
        }

        rule = rule with { Times = fields.Int("times", 1, int.MaxValue) ?? (rule.Nth is not null && !element.TryGetProperty("share", out _) ? 1 : null) };

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new FaultPlanException($"{where}.{property.Name}: not a setting of {kindName} (allowed: {string.Join(", ", allowed.Order())})");
            }
        }

        return rule;
    }

    /// <summary>Typed reads of one rule's properties, each error naming the property.</summary>
    private sealed class FieldReader(JsonElement element, string where)
    {
        public string? String(string name)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FaultPlanException($"{where}.{name}: expected a string");
        }

        public int? Int(string name, int min, int max)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            {
                throw new FaultPlanException($"{where}.{name}: expected a whole number from {min} to {max}");
            }

            return number;
        }

        public double? Double(string name, double min, double max)
        {
            if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
            if (double.IsNaN(number) || number < min || number > max)
            {
                throw new FaultPlanException($"{where}.{name}: expected a number from {min} to {max}");
            }

            return number;
        }
    }
}
