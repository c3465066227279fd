using System.Globalization;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten bench</c>: one line per model.</summary>
public static class BenchTable
{
    /// <summary>Writes the comparison to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, IReadOnlyList<BenchRow> rows, int warmup)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("model").NoWrap())
            .AddColumn(new TableColumn("init ms").RightAligned()).AddColumn(new TableColumn("median ms").RightAligned())
            .AddColumn(new TableColumn("p90 ms").RightAligned()).AddColumn(new TableColumn("min ms").RightAligned())
            .AddColumn(new TableColumn("MACs").RightAligned()).AddColumn(new TableColumn("size").RightAligned());
        foreach (var r in rows)
        {
            var s = r.Result.LatencyMs;
            table.AddRow(Markup.Escape(Path.GetFileName(r.Result.Model)), Ms(r.Result.InitMs), Ms(s.Median), Ms(s.P90), Ms(s.Min),
                Units.Count(r.Macs), Units.Bytes(r.FileBytes));
        }
        var first = rows[0].Result;
        table.Caption($"ONNX Runtime CPU, batch 1, {first.Threads} intra-op thread(s), {first.Runs} timed runs after {warmup} warm-up");
        console.Write(table);
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
}
