using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Runtime.Calibration;

namespace Lighten.Cli.Rendering;

/// <summary>The JSON form of <c>lighten quantize</c> and of its <c>--report</c> file.</summary>
public static class QuantizeJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The result: output, method, target, counts, timings, accuracy and the per-layer table.</summary>
    public static string Format(PtqResult result, string output) => new JsonObject
    {
        ["output"] = output,
        ["method"] = result.Method.Name(),
        ["target"] = result.Target,
        ["timing"] = result.TimingSource,
        ["calibrationSamples"] = result.Calibration.Samples,
        ["calibrationSeconds"] = Math.Round(result.Calibration.Elapsed.TotalSeconds, 3),
        ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
        ["int8Layers"] = result.Int8Layers,
        ["computeLayers"] = result.Layers.Length,
        ["biasCorrected"] = result.BiasCorrected,
        ["subPixel"] = new JsonObject([.. result.SubPixel.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray([.. kv.Value.Select(c => (JsonNode)c)])))]),
        ["accuracy"] = result.Accuracy is { } a ? new JsonObject
        {
            ["metric"] = a.Metric, ["fp32"] = a.Fp32, ["int8"] = a.Int8, ["drop"] = Math.Round(a.Drop, 4), ["maxDrop"] = a.MaxDrop,
            ["met"] = a.Met, ["evaluations"] = a.Evaluations, ["keptFp32"] = new JsonArray([.. a.KeptFp32.Select(k => (JsonNode)k)]),
        } : null,
        ["layers"] = Layers(result),
    }.ToJsonString(Indented);

    /// <summary>The answer when the target runs no INT8: nothing written, and why.</summary>
    public static string Skipped(string target, string reason) => new JsonObject
    {
        ["target"] = target,
        ["skipped"] = reason,
        ["output"] = null,
    }.ToJsonString(Indented);

    /// <summary>The per-layer table alone.</summary>
    public static JsonArray Layers(PtqResult result) => new([.. result.Layers.Select(l => (JsonNode)new JsonObject
    {
        ["layer"] = l.Node,
        ["op"] = l.OpType,
        ["precision"] = l.Int8 ? "INT8" : "FP32",
        ["fp32Ms"] = l.Timing?.Fp32Ms is double f ? Math.Round(f, 4) : null,
        ["int8Ms"] = l.Timing?.Int8Ms is double i ? Math.Round(i, 4) : null,
        ["sqnrDb"] = l.SqnrDb is double db ? Math.Round(db, 2) : null,
        ["reason"] = l.Reason,
    })]);

    /// <summary>Indented JSON text of <paramref name="node"/>.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Indented);
}
