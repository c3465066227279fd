using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Targets;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten check</c>.</summary>
public static class CheckJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>{"target", "unsupported": [{"node","op","precision"}], "fitsInRam", "estimatedLatencyMs": {"fp32","fp16","int8"}}</c>,
    /// null for a precision the target cannot run; with measurements, also <c>"measuredLatencyMs"</c> of the same shape
    /// (null where nothing was measured).
    /// </summary>
    public static string Format(PreflightReport report, IReadOnlyDictionary<Precision, double>? measured = null)
    {
        var json = new JsonObject
        {
            ["target"] = report.Target,
            ["unsupported"] = new JsonArray([.. report.Unsupported.Select(u => (JsonNode)new JsonObject
            {
                ["node"] = u.Node,
                ["op"] = u.OpType,
                ["precision"] = u.Precision.Key(),
            })]),
            ["fitsInRam"] = report.FitsInRam,
            ["estimatedLatencyMs"] = PerPrecision(p => report.EstimatedMs(p)),
        };
        if (measured is not null) json["measuredLatencyMs"] = PerPrecision(p => measured.TryGetValue(p, out var ms) ? ms : null);
        return json.ToJsonString(Indented);
    }

    private static JsonObject PerPrecision(Func<Precision, double?> ms) =>
        new([.. Precisions.All.Select(p => KeyValuePair.Create(p.Key(), ms(p) is double v ? (JsonNode?)JsonValue.Create(Math.Round(v, 3)) : null))]);
}
