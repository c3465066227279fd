using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Targets;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten targets</c>.</summary>
public static class TargetsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>[{"name","description","cores" (CPU),"gpuCores" (0: none),"clockGHz","peak": {"fp32","fp16","int8"}, "bandwidthGBps","ramBytes",
    /// "sparseWeightsFaster","ops": {"fp32","fp16","int8"}, "sources"}]</c>; a precision the target cannot run is null.
    /// </summary>
    public static string Format(IEnumerable<TargetProfile> profiles) =>
        new JsonArray([.. profiles.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["description"] = p.Description,
            ["cores"] = p.Cores,
            ["gpuCores"] = p.GpuCores,
            ["clockGHz"] = p.ClockGHz,
            ["peak"] = PerPrecision(p, q => JsonValue.Create(p.PeakGops[q])),
            ["bandwidthGBps"] = p.BandwidthGBps,
            ["ramBytes"] = p.RamBytes,
            ["sparseWeightsFaster"] = p.SparseWeightsFaster,
            ["ops"] = PerPrecision(p, q => JsonValue.Create(p.Ops.GetValueOrDefault(q, OpSupport.None).ToString())),
            ["sources"] = new JsonArray([.. p.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
        })]).ToJsonString(Indented);

    /// <summary><c>{"fp32","fp16","int8"}</c> with <paramref name="value"/> for each precision the target runs, null for the others.</summary>
    public static JsonObject PerPrecision(TargetProfile profile, Func<Precision, JsonNode?> value) =>
        new([.. Precisions.All.Select(q => KeyValuePair.Create(q.Key(), profile.Runs(q) ? value(q) : null))]);
}
