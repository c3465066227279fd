using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lighten.Core.Targets;
using Lighten.Core.Zoo;
using Xunit.Abstractions;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Targets;

/// <summary>The latency roofline against published measurements: every estimate within ±35% of the figure.</summary>
public class CalibrationTests(ITestOutputHelper output)
{
    public const double Band = 0.35;

    private static readonly ZooOptions Classifier224 = new();
    private static readonly ZooOptions Pose256 = new() { InputHeight = 256, InputWidth = 256, Joints = 16 };

    private const string NcnnRk3399 = "ncnn benchmark/README.md, RK3399 nanopc-t4, benchncnn 8 2 2 -1 1 (2x A72, 2 threads)";
    private const string NcnnRpi4 = "ncnn benchmark/README.md, Raspberry Pi 4 Model B, benchncnn 10 4 0 -1 1 (4 threads)";
    private const string Table1 = "the guideline's Table 1 (PoseResNet-50, RK3399 + ARM Compute Library)";

    /// <summary>Published per-image latencies (ms) the profiles are calibrated against.</summary>
    public static IReadOnlyList<Published> Figures { get; } =
    [
        new("rk3399-cpu", "mobilenet_v2", Classifier224, Precision.Fp32, 51.75, NcnnRk3399),
        new("rk3399-cpu", "shufflenet_v2_x1_0", Classifier224, Precision.Fp32, 25.55, NcnnRk3399),
        new("rk3399-cpu", "resnet18", Classifier224, Precision.Fp32, 112.37, NcnnRk3399),
        new("rk3399-cpu", "resnet50", Classifier224, Precision.Fp32, 293.08, NcnnRk3399),
        new("rk3399-cpu", "resnet18", Classifier224, Precision.Int8, 84.49, NcnnRk3399),
        new("rk3399-cpu", "resnet50", Classifier224, Precision.Int8, 225.02, NcnnRk3399),
        new("rk3399-cpu", "mobilenet_v3_large", Classifier224, Precision.Fp32, 42.10, NcnnRk3399),
        new("rpi4", "mobilenet_v2", Classifier224, Precision.Fp32, 61.88, NcnnRpi4),
        new("rpi4", "mobilenet_v3_large", Classifier224, Precision.Fp32, 47.53, NcnnRpi4),
        new("rpi4", "shufflenet_v2_x1_0", Classifier224, Precision.Fp32, 24.56, NcnnRpi4),
        new("rpi4", "resnet18", Classifier224, Precision.Fp32, 123.12, NcnnRpi4),
        new("rpi4", "resnet50", Classifier224, Precision.Fp32, 262.83, NcnnRpi4),
        new("rpi4", "resnet18", Classifier224, Precision.Int8, 83.92, NcnnRpi4),
        new("rpi4", "resnet50", Classifier224, Precision.Int8, 196.65, NcnnRpi4),
        new("rk3399-armcl", "pose_resnet50", Pose256, Precision.Fp32, 1054, Table1 + ", baseline"),
        new("rk3399-armcl", "pose_mobilenet_v2", Pose256 with { BottleneckChannels = 64 }, Precision.Fp16, 352, Table1 + ", G1+G2+G4"),
    ];

    public sealed record Published(string Target, string Model, ZooOptions Options, Precision Precision, double Ms, string Source);

    private static readonly ConcurrentDictionary<(string, ZooOptions), IrGraph> Graphs = new();

    private static IrGraph Model(Published p) => Graphs.GetOrAdd((p.Model, p.Options), k => ModelZoo.Build(k.Item1, k.Item2));

    private static double Estimate(Published p) =>
        LatencyEstimator.Estimate(Model(p), Profile(p.Target), p.Precision)!.TotalMs;

    // CALIBRATE_DIR=src/Lighten.Core/Targets/Profiles reads the profiles from the sources, to refit them without rebuilding.
    private static TargetProfile Profile(string name) => Environment.GetEnvironmentVariable("CALIBRATE_DIR") is { } dir
        ? TargetCatalog.Load(Path.Combine(dir, name + ".yaml")) : TargetCatalog.Get(name);

    [Fact]
    public void Every_published_figure_is_within_the_band()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"target",-13} {"model",-19} {"prec",-5} {"estimate",9} {"published",9} {"error",7}");
        var outside = new List<string>();
        foreach (var p in Figures)
        {
            double estimate = Estimate(p);
            double error = estimate / p.Ms - 1;
            table.AppendLine(CultureInfo.InvariantCulture, $"{p.Target,-13} {p.Model,-19} {p.Precision.Key(),-5} {estimate,9:0.0} {p.Ms,9:0.0} {error,7:+0.0%;-0.0%}");
            if (Math.Abs(error) > Band) outside.Add($"{p.Target} {p.Model} {p.Precision.Key()}: {estimate:0.0} ms vs {p.Ms} ms");
        }
        output.WriteLine(table.ToString());
        Assert.True(outside.Count == 0, "outside ±35%: " + string.Join("; ", outside));
    }
}
