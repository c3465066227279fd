using System.Globalization;
using Lighten.Core.Targets;
using Lighten.Pipeline.Backbone;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten swap-backbone</c>: the original and every candidate with metric, latency, MACs, or why it was skipped.</summary>
public static class BackboneSearchTable
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, BackboneSearchResult result, string? target, Precision precision)
    {
        var metric = result.Candidates.Select(c => c.Metric?.Name).FirstOrDefault(n => n is not null) ?? result.Baseline.Metric?.Name ?? "metric";
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("backbone").AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned())
            .AddColumn(new TableColumn("latency ms").RightAligned()).AddColumn(new TableColumn("MACs").RightAligned())
            .AddColumn(new TableColumn("params").RightAligned()).AddColumn(new TableColumn("train s").RightAligned()).AddColumn("note");
        foreach (var o in result.Candidates.Prepend(result.Baseline))
        {
            string note = o.Skipped is { } why ? $"[yellow]skipped: {Markup.Escape(CliFlags.Render(why))}[/]"
                : ReferenceEquals(o, result.Best) ? "[green]best[/]"
                : ReferenceEquals(o, result.Baseline) ? "[grey]the model given[/]" : "";
            table.AddRow(Markup.Escape(o.Candidate), o.Metric is { } m ? F(m.Value, "0.0000") : "-", o.LatencyMs is { } l ? F(l, "0.00") : "-",
                o.WasTried ? Units.Count(o.Macs) : "-", o.WasTried ? Units.Count(o.Parameters) : "-",
                o.Tuning is { } t ? F(t.TrainSeconds, "0") : "-", note);
        }
        console.Write(table);
        if (target is not null) console.MarkupLine($"[grey]ops checked on {Markup.Escape(target)} at {precision.Key()}[/]");
        if (result.Best is { } best)
        {
            foreach (var d in best.Details) console.MarkupLine($"[grey]{Markup.Escape(d)}[/]");
            console.MarkupLine($"wrote {Markup.Escape(result.OutputPath!)} ({Markup.Escape(best.Candidate)}); every candidate in {Markup.Escape(result.CandidateDirectory)}");
        }
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
