using System.Globalization;
using Lighten.Core.Targets;
using Spectre.Console;

namespace Lighten.Cli.Rendering;

/// <summary>The table form of <c>lighten targets</c>: one line per profile.</summary>
public static class TargetsTable
{
    /// <summary>Writes the profiles to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, IEnumerable<TargetProfile> profiles)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("name").NoWrap());
        foreach (var header in new[] { "CPU cores", "GPU cores", "fp32", "fp16", "int8", "GB/s", "RAM" }) table.AddColumn(new TableColumn(header).RightAligned().NoWrap());
        table.AddColumn("description");
        foreach (var p in profiles)
        {
            table.AddRow(Markup.Escape(p.Name), Cores(p.Cores), Cores(p.GpuCores),
                Peak(p, Precision.Fp32), Peak(p, Precision.Fp16), Peak(p, Precision.Int8), Number(p.BandwidthGBps), Units.Bytes(p.RamBytes),
                Markup.Escape(p.Description));
        }
        table.Caption("peak GFLOP/s (fp32, fp16) and GOP/s (int8), '-' where the target cannot run the precision; memory bandwidth in GB/s");
        console.Write(table);
    }

    private static string Cores(int cores) => cores > 0 ? cores.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Peak(TargetProfile p, Precision precision) => p.Runs(precision) ? Number(p.PeakGops[precision]) : "-";

    private static string Number(double v) => v.ToString(v < 100 ? "0.0#" : "0", CultureInfo.InvariantCulture);
}
