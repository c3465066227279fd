using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Transforms.Factorize;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten factorize</c>, for scripts.</summary>
public static class FactorizeJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>{"output","macsBefore","macsAfter","layers":[{"name","op","pass","change","macsBefore","macsAfter"}],"skipped":[...]}</c>.</summary>
    public static string Format(FactorizeResult result, string output) => new JsonObject
    {
        ["output"] = output,
        ["macsBefore"] = result.MacsBefore,
        ["macsAfter"] = result.MacsAfter,
        ["layers"] = new JsonArray([.. result.Layers.Select(l => (JsonNode)new JsonObject
        {
            ["name"] = l.Name,
            ["op"] = l.OpType,
            ["pass"] = l.Pass,
            ["change"] = l.Change,
            ["macsBefore"] = l.MacsBefore,
            ["macsAfter"] = l.MacsAfter,
        })]),
        ["skipped"] = new JsonArray([.. result.Skipped.Select(s => (JsonNode)s)]),
    }.ToJsonString(Indented);
}
