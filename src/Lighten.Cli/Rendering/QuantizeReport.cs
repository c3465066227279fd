using System.Globalization;
using System.Text;
using Lighten.Core.IO;
using Lighten.Runtime.Calibration;

namespace Lighten.Cli.Rendering;

/// <summary>The <c>--report</c> file of <c>lighten quantize</c>: the per-layer table as JSON (<c>.json</c>) or CSV.</summary>
public static class QuantizeReport
{
    /// <summary>Writes the table of <paramref name="result"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, PtqResult result)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.WriteAllText(path, QuantizeJson.Text(QuantizeJson.Layers(result)));
            return;
        }
        var csv = new StringBuilder("layer,op,precision,sqnr_db,fp32_ms,int8_ms,reason\n");
        foreach (var l in result.Layers)
        {
            csv.Append(Field(l.Node)).Append(',').Append(l.OpType).Append(',').Append(l.Int8 ? "INT8" : "FP32").Append(',')
                .Append(Number(l.SqnrDb, "0.00")).Append(',').Append(Number(l.Timing?.Fp32Ms, "0.0000")).Append(',')
                .Append(Number(l.Timing?.Int8Ms, "0.0000")).Append(',').Append(Field(l.Reason ?? "")).Append('\n');
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
