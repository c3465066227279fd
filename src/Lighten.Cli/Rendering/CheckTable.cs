using System.Globalization;
using Lighten.Core.Targets;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten check</c>: memory fit, one line per precision, then the unsupported nodes.</summary>
public static class CheckTable
{
    private const int ListedNodes = 20;

    /// <summary>Writes the report to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, PreflightReport report, TargetProfile target, IReadOnlyDictionary<Precision, double>? measured)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.Model)}[/] on [bold]{Markup.Escape(target.Name)}[/]: {Markup.Escape(target.Description)}");
        console.MarkupLine((report.FitsInRam ? "[green]fits in RAM[/]" : "[red]does not fit in RAM[/]")
            + $": weights {Units.Bytes(report.WeightBytes)} + peak activations {Units.Bytes(report.PeakActivationBytes)} of {Units.Bytes(report.RamBytes)}");

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("precision").AddColumn(new TableColumn("unsupported nodes").RightAligned())
            .AddColumn(new TableColumn("estimated ms").RightAligned());
        if (measured is not null) table.AddColumn(new TableColumn("measured ms").RightAligned());
        foreach (var precision in Precisions.All)
        {
            var cells = new List<string> { precision.Key() };
            if (!target.Runs(precision))
            {
                cells.AddRange(["-", "[grey]not run by this target[/]"]);
            }
            else
            {
                var estimate = report.Estimates[precision]!;
                int islands = estimate.FallbackLayers.Count(l => l.OpClass is not null);
                cells.Add(report.UnsupportedAt(precision).Count().ToString(CultureInfo.InvariantCulture));
                cells.Add(Ms(estimate.TotalMs) + (islands > 0 ? $" [grey](with {islands} FP32 island{(islands == 1 ? "" : "s")})[/]" : ""));
            }
            if (measured is not null) cells.Add(measured.TryGetValue(precision, out var ms) ? Ms(ms) : "-");
            table.AddRow([.. cells]);
        }
        table.Caption("estimates: per-layer roofline at the profile's figures, batch 1");
        console.Write(table);

        foreach (var group in report.Unsupported.GroupBy(u => u.Precision))
        {
            var nodes = group.ToList();
            console.MarkupLine($"[yellow]{group.Key.Key()}: {nodes.Count} node(s) the target cannot run[/]");
            foreach (var u in nodes.Take(ListedNodes)) console.MarkupLine($"  {Markup.Escape(u.Node)} ({Markup.Escape(u.OpType)})");
            if (nodes.Count > ListedNodes) console.MarkupLine($"  ... and {nodes.Count - ListedNodes} more (--json lists them all)");
        }
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
