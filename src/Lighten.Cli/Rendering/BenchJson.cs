using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten bench</c>, for scripts.</summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>[{"model","initMs","latencyMs":{"min","median","p90","mean"},"runs","threads"}]</c>, times in milliseconds.</summary>
    public static string Format(IEnumerable<BenchRow> rows) =>
        new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["model"] = r.Result.Model,
            ["initMs"] = Round(r.Result.InitMs),
            ["latencyMs"] = new JsonObject
            {
                ["min"] = Round(r.Result.LatencyMs.Min),
                ["median"] = Round(r.Result.LatencyMs.Median),
                ["p90"] = Round(r.Result.LatencyMs.P90),
                ["mean"] = Round(r.Result.LatencyMs.Mean),
            },
            ["runs"] = r.Result.Runs,
            ["threads"] = r.Result.Threads,
        })]).ToJsonString(Indented);

    private static double Round(double ms) => Math.Round(ms, 4);
}
