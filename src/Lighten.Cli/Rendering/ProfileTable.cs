using System.Globalization;
using Lighten.Core.Analysis;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of a profile: layers sorted by MACs, then totals and the nodes that could not be costed.</summary>
public static class ProfileTable
{
    /// <summary>Writes the <paramref name="top"/> costliest layers and the totals to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, ModelProfile profile, int top)
    {
        var inputs = string.Join(", ", profile.Inputs.Select(i => $"{i.Name} {i.Shape}"));
        console.MarkupLine($"[bold]{Markup.Escape(profile.Model)}[/]  inputs: {Markup.Escape(inputs)}");
        foreach (var (symbol, value) in profile.AssumedDims)
            console.MarkupLine($"[yellow]symbolic batch '{Markup.Escape(symbol)}' taken as {value} (fix it with --input-shape)[/]");

        var table = new Table().Border(TableBorder.None);
        foreach (var (header, right) in new[] { ("op", false), ("output", false), ("MACs", true), ("share", true), ("params", true), ("weights", true), ("activation", true) })
        {
            var column = new TableColumn(header).NoWrap().PadLeft(0).PadRight(1);
            table.AddColumn(right ? column.RightAligned() : column);
        }
        table.AddColumn(new TableColumn("layer").NoWrap().PadLeft(0).PadRight(0));
        // The other columns take about 60 characters; long layer names keep their informative tail.
        int nameWidth = Math.Max(16, console.Profile.Width - 62);
        var shown = profile.Layers.OrderByDescending(l => l.Macs ?? 0).ThenBy(l => l.Name, StringComparer.Ordinal).Take(top).ToList();
        foreach (var l in shown)
        {
            table.AddRow(
                l.OpType, Markup.Escape(l.OutputShape?.ToString() ?? "?"),
                l.Macs is long m ? Units.Count(m) : "[red]?[/]", l.MacShare.ToString("P1", CultureInfo.InvariantCulture),
                Units.Count(l.Params), Units.Bytes(l.WeightBytes), Units.Bytes(l.OutputBytes), Markup.Escape(OutputConsole.FitName(console, l.Name, nameWidth)));
        }
        if (shown.Count < profile.Layers.Length) table.Caption($"{shown.Count} of {profile.Layers.Length} layers, most MACs first");
        console.Write(table);

        var t = profile.Totals;
        console.MarkupLine($"[bold]total[/]: {Units.Count(t.Macs)} MACs ({t.Macs:N0}), {Units.Count(t.Params)} params, "
            + $"{Units.Bytes(t.WeightBytes)} weights, {Units.Bytes(t.PeakActivationBytes)} peak activations");
        if (profile.Unsupported.Length > 0)
            console.MarkupLine($"[yellow]not costed ({profile.Unsupported.Length}):[/] "
                + Markup.Escape(string.Join(", ", profile.Unsupported.Select(u => $"{u.Name} ({u.OpType}: {u.Reason})"))));
    }
}
