using System.Globalization;
using Lighten.Core.Transforms.Factorize;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten factorize</c>: the layers changed with their MACs before and after, then what was skipped.</summary>
public static class FactorizeTable
{
    private const int SkippedShown = 10;

    /// <summary>Writes <paramref name="result"/> to <paramref name="console"/>; <paramref name="output"/> is the file written (by the fine-tuning that follows when <paramref name="fineTuning"/>).</summary>
    public static void Render(IAnsiConsole console, FactorizeResult result, string output, bool fineTuning = false)
    {
        // A transform that changes nothing says so rather than reporting success (the skipped layers' reasons follow).
        if (result.Layers.Length == 0) console.WriteLine(FactorizeJson.NothingDone);
        else
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn(new TableColumn("layer").NoWrap()).AddColumn(new TableColumn("op").NoWrap()).AddColumn(new TableColumn("change"))
                .AddColumn(new TableColumn("MACs before").RightAligned().NoWrap()).AddColumn(new TableColumn("after").RightAligned().NoWrap());
            // The op and MAC columns take about 45 characters; the change and the layer's informative tail share the rest.
            int width = Math.Max(16, (console.Profile.Width - 45) / 2);
            foreach (var l in result.Layers)
                table.AddRow(Markup.Escape(OutputConsole.FitName(console, l.Name, width)), l.OpType, Markup.Escape(l.Summary), Units.Count(l.MacsBefore), Units.Count(l.MacsAfter));
            console.Write(table);
        }
        foreach (var s in result.Skipped.Take(SkippedShown)) console.MarkupLine($"[grey]{Markup.Escape(s)}[/]");
        if (result.Skipped.Length > SkippedShown) console.MarkupLine($"[grey]… {result.Skipped.Length - SkippedShown} more skipped[/]");
        double saved = result.MacsBefore == 0 ? 0 : 1 - (double)result.MacsAfter / result.MacsBefore;
        console.MarkupLine($"MACs {Units.Count(result.MacsBefore)} → {Units.Count(result.MacsAfter)} "
            + $"({(-saved).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)}); "
            + (fineTuning ? "SVD-initialized; fine-tuning follows" : $"wrote [bold]{Markup.Escape(output)}[/] (SVD-initialized, not fine-tuned)"));
    }
}
