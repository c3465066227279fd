using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Transforms.Factorize;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten factorize</c>, for scripts.</summary>
public static class FactorizeJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The warning line of a run that factorized no layer.</summary>
    public const string NothingDone = "warning: nothing was factorized: no selected layer becomes cheaper (the reasons follow)";

    /// <summary><c>{"output","warning","macsBefore","macsAfter","layers":[{"name","op","pass","change","macsBefore","macsAfter"}],"skipped":[...]}</c>.</summary>
    public static string Format(FactorizeResult result, string output) => new JsonObject
    {
        ["output"] = output,
        ["warning"] = result.Layers.Length == 0 ? NothingDone : null,
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
