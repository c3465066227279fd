using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Transforms;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten optimize</c>.</summary>
public static class OptimizeJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>{"nodesBefore","nodesAfter","passes":[{"pass","changes","details":[...]}],"output"}</c>.</summary>
    public static string Format(int nodesBefore, int nodesAfter, IEnumerable<PassResult> passes, string output) => new JsonObject
    {
        ["nodesBefore"] = nodesBefore,
        ["nodesAfter"] = nodesAfter,
        ["passes"] = new JsonArray([.. passes.Select(p => (JsonNode)new JsonObject
        {
            ["pass"] = p.Pass,
            ["changes"] = p.Changes,
            ["details"] = new JsonArray([.. p.Details.Select(d => (JsonNode)d)]),
        })]),
        ["output"] = output,
    }.ToJsonString(Indented);
}
