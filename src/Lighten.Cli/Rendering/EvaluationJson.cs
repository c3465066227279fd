using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Runtime;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten eval</c>, for scripts.</summary>
public static class EvaluationJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>{"model","task","metric":{"name","value"},"samples","skipped","metrics":[{"name","value"}]}</c>, and for pose
    /// <c>"perJoint":[{"name","value"}]</c>; values are fractions in 0..1.
    /// </summary>
    public static string Format(EvaluationResult result)
    {
        var json = new JsonObject
        {
            ["model"] = result.Model,
            ["task"] = result.Task,
            ["metric"] = Metric(result.Primary),
            ["samples"] = result.Samples,
            ["skipped"] = result.Skipped,
            ["metrics"] = new JsonArray([.. result.Metrics.Select(m => (JsonNode)Metric(m))]),
        };
        if (result.Task == "pose") json["perJoint"] = new JsonArray([.. result.PerJoint.Select(m => (JsonNode)Metric(m))]);
        return json.ToJsonString(Indented);
    }

    private static JsonObject Metric(Metric m) => new() { ["name"] = m.Name, ["value"] = Math.Round(m.Value, 6) };
}
