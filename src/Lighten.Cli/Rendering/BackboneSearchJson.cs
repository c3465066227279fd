using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Pipeline.Backbone;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten swap-backbone</c>, for scripts.</summary>
public static class BackboneSearchJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>{"output","best","baseline":{...},"candidates":[{"candidate","skipped","metric":{"name","value"},"latencyMs","initMs","macs","parameters","trainSeconds","path","details":[...]}]}</c>.
    /// </summary>
    public static string Format(BackboneSearchResult result) => new JsonObject
    {
        ["output"] = result.OutputPath,
        ["best"] = result.Best?.Candidate,
        ["baseline"] = Row(result.Baseline),
        ["candidates"] = new JsonArray([.. result.Candidates.Select(Row)]),
    }.ToJsonString(Indented);

    private static JsonNode Row(CandidateOutcome o) => new JsonObject
    {
        ["candidate"] = o.Candidate,
        ["skipped"] = o.Skipped is null ? null : CliFlags.Render(o.Skipped),
        ["metric"] = o.Metric is { } m ? new JsonObject { ["name"] = m.Name, ["value"] = m.Value } : null,
        ["latencyMs"] = o.LatencyMs,
        ["initMs"] = o.InitMs,
        ["macs"] = o.WasTried ? o.Macs : null,
        ["parameters"] = o.WasTried ? o.Parameters : null,
        ["trainSeconds"] = o.Tuning?.TrainSeconds,
        ["path"] = o.Path,
        ["details"] = new JsonArray([.. o.Details.Select(d => (JsonNode)d)]),
    };
}
