using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten zoo export</c>.</summary>
public static class ZooExportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary><c>{"model","inputShape","outputShape","params","macs","batch","output"}</c> (the file written); shapes as text, symbolic dimensions by name.</summary>
    public static string Format(Graph graph, long parameters, long macs, int batch, string output) => new JsonObject
    {
        ["model"] = graph.Name,
        ["inputShape"] = graph.Inputs[0].Shape?.ToString(),
        ["outputShape"] = graph.Outputs[0].Shape?.ToString(),
        ["params"] = parameters,
        ["macs"] = macs,
        ["batch"] = batch,
        ["output"] = output,
    }.ToJsonString(Indented);
}
