using System.Globalization;
using Lighten.Runtime;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten eval</c>: the metrics, then per joint for pose.</summary>
public static class EvaluationTable
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, EvaluationResult result)
    {
        var metrics = new Table().Border(TableBorder.Rounded).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var m in result.Metrics) metrics.AddRow(Markup.Escape(m.Name), Percent(m.Value));
        metrics.Caption(Invariant($"{result.Model}: {result.Task}, {result.Samples} samples{(result.Skipped > 0 ? $", {result.Skipped} skipped" : "")}, {result.SamplesPerSecond:0.0} per second"));
        console.Write(metrics);
        if (result.PerJoint.Count == 0) return;

        var joints = new Table().Border(TableBorder.Rounded).AddColumn("joint").AddColumn(new TableColumn(Markup.Escape(result.Primary.Name)).RightAligned());
        foreach (var j in result.PerJoint) joints.AddRow(Markup.Escape(j.Name), Percent(j.Value));
        console.Write(joints);
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => Markup.Escape(s.ToString(CultureInfo.InvariantCulture));
}
