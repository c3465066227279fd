using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lighten.Core.Transforms.Fp16;
using Lighten.Runtime.Fp16;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The output of <c>lighten fp16</c>: the decision with its measurement, what stayed FP32, and warnings.</summary>
public static class Fp16Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the table form to <paramref name="console"/>; <paramref name="written"/> is null when nothing was written.</summary>
    public static void Render(IAnsiConsole console, Fp16Conversion conversion, Fp16Decision decision, string? written, bool forced)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("model")
            .AddColumn(new TableColumn(decision.Estimated ? "estimated ms" : "median ms").RightAligned());
        table.AddRow("FP32", Ms(decision.Fp32Ms));
        table.AddRow("FP16", Ms(decision.Fp16Ms));
        console.Write(table);
        console.MarkupLine(Markup.Escape($"decision: {(decision.Convert ? "convert" : "skip")}: {decision.Reason}"));
        foreach (var line in conversion.Pass.Details) console.MarkupLine(Markup.Escape(line));
        console.MarkupLine(Markup.Escape(written is null
            ? "not written: FP16 does not pay off here (use --force to write it anyway)"
            : $"wrote {written}{(forced && !decision.Convert ? " (forced)" : "")}"));
    }

    /// <summary>The JSON form; <paramref name="written"/> is null when nothing was written.</summary>
    public static string Json(Fp16Conversion conversion, Fp16Decision decision, string? written) => new JsonObject
    {
        ["convert"] = decision.Convert,
        ["reason"] = decision.Reason,
        ["fp32Ms"] = decision.Fp32Ms,
        ["fp16Ms"] = decision.Fp16Ms,
        ["speedup"] = decision.Speedup is double s ? Math.Round(s, 4) : null,
        ["estimated"] = decision.Estimated,
        ["written"] = written,
        ["fp16Nodes"] = conversion.Fp16Nodes,
        ["casts"] = conversion.Casts,
        ["clampedWeights"] = conversion.ClampedWeights,
        ["flushedWeights"] = conversion.FlushedWeights,
        ["keptFp32"] = new JsonArray([.. conversion.KeptFp32.Select(k => (JsonNode)new JsonObject { ["node"] = k.Node, ["op"] = k.OpType, ["reason"] = k.Reason })]),
    }.ToJsonString(Indented);

    private static string Ms(double? ms) => ms?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
