using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core;
using Lighten.Core.Analysis;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of a profile, for scripts.</summary>
public static class ProfileJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>{ "model", "inputs": [{"name","shape"}], "totals": {"macs","params","weightBytes","peakActivationBytes"},
    /// "layers": [{"name","op","outputShape","macs","params",...}], "unsupported": [{"name","op","reason"}], "assumedDims" }</c>.
    /// </summary>
    public static string Format(ModelProfile profile, int? top = null)
    {
        var layers = top is int n ? profile.Layers.OrderByDescending(l => l.Macs ?? 0).Take(n) : profile.Layers;
        var json = new JsonObject
        {
            ["model"] = profile.Model,
            ["inputs"] = new JsonArray([.. profile.Inputs.Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["shape"] = Shape(i.Shape) })]),
            ["totals"] = new JsonObject
            {
                ["macs"] = profile.Totals.Macs,
                ["params"] = profile.Totals.Params,
                ["weightBytes"] = profile.Totals.WeightBytes,
                ["peakActivationBytes"] = profile.Totals.PeakActivationBytes,
            },
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)new JsonObject
            {
                ["name"] = l.Name,
                ["op"] = l.OpType,
                ["outputShape"] = Shape(l.OutputShape),
                ["macs"] = l.Macs,
                ["params"] = l.Params,
                ["weightBytes"] = l.WeightBytes,
                ["outputBytes"] = l.OutputBytes,
                ["macShare"] = Math.Round(l.MacShare, 6),
            })]),
            ["unsupported"] = new JsonArray([.. profile.Unsupported.Select(u => (JsonNode)new JsonObject { ["name"] = u.Name, ["op"] = u.OpType, ["reason"] = u.Reason })]),
            ["assumedDims"] = new JsonObject([.. profile.AssumedDims.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        };
        return json.ToJsonString(Indented);
    }

    private static JsonArray? Shape(TensorShape? shape) =>
        shape is null ? null : new JsonArray([.. shape.Dims.Select(d => d.Value is long v ? JsonValue.Create(v) : (JsonNode)JsonValue.Create(d.ToString()))]);
}
