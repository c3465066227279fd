using System.Globalization;
using Lighten.Runtime.Calibration;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten quantize</c>: one row per compute layer, then a summary.</summary>
public static class QuantizeTable
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, PtqResult result, string output)
    {
        bool timed = result.Layers.Any(l => l.Timing is not null), sqnr = result.Layers.Any(l => l.SqnrDb is not null);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("layer").AddColumn("op").AddColumn("precision");
        if (timed) table.AddColumn(new TableColumn("FP32 ms").RightAligned()).AddColumn(new TableColumn("INT8 ms").RightAligned());
        if (sqnr) table.AddColumn(new TableColumn("SQNR dB").RightAligned());
        table.AddColumn("why FP32");
        foreach (var layer in result.Layers)
        {
            var row = new List<string> { Markup.Escape(layer.Node), layer.OpType, layer.Int8 ? "INT8" : "[yellow]FP32[/]" };
            if (timed) row.AddRange([Ms(layer.Timing?.Fp32Ms), Ms(layer.Timing?.Int8Ms)]);
            if (sqnr) row.Add(layer.SqnrDb is double db ? db.ToString("0.0", CultureInfo.InvariantCulture) : "");
            row.Add(Markup.Escape(layer.Reason ?? ""));
            table.AddRow([.. row]);
        }
        console.Write(table);
        foreach (var line in Summary(result, output)) console.MarkupLine(Markup.Escape(line));
    }

    /// <summary>The summary lines shared by the table and the JSON.</summary>
    public static IEnumerable<string> Summary(PtqResult result, string output)
    {
        var c = result.Calibration;
        yield return Invariant($"calibration: {c.Samples} samples ({c.Source}), {result.Method.Name()}, {c.Elapsed.TotalSeconds:0.0} s");
        yield return Invariant($"target {result.Target}: {result.Int8Layers} of {result.Layers.Length} compute layers in INT8{TimingCounts(result)}{(result.TimingSource is { } t ? $"; layer times {t}" : "")}");
        if (result.BiasCorrected > 0) yield return Invariant($"bias corrected in {result.BiasCorrected} layers");
        if (result.SubPixel.Count > 0) yield return Invariant($"{result.SubPixel.Count} ConvTranspose layer(s) run as sub-pixel INT8 Convs: {string.Join(", ", result.SubPixel.Keys)}");
        if (result.Accuracy is { } a)
            yield return Invariant($"{a.Metric}: FP32 {100 * a.Fp32:0.00}, INT8 {100 * a.Int8:0.00} (drop {a.Drop:0.00} points, max {a.MaxDrop:0.##}{(a.Met ? "" : ": NOT MET")}); {a.KeptFp32.Count} layer(s) kept FP32 after {a.Evaluations} evaluation(s)");
        yield return Invariant($"quantized in {result.Elapsed.TotalSeconds:0.0} s; wrote {output}");
    }

    /// <summary>" (12 timed here and reused for 4 identical layers, 30 from the cache)", or empty when no layer was timed.</summary>
    private static string TimingCounts(PtqResult r) => r.MeasuredLayers + r.CachedLayers + r.ReusedLayers == 0 ? ""
        : Invariant($" ({r.MeasuredLayers} timed here{(r.ReusedLayers > 0 ? Invariant($" and reused for {r.ReusedLayers} identical layers") : "")}, {r.CachedLayers} from the cache)");

    private static string Ms(double? ms) => ms is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
