using System.Globalization;
using Lighten.Core.Onnx;
using Lighten.Core.Targets;
using Lighten.Core.Zoo;
using Lighten.Runtime;

namespace Lighten.Bench.Targets;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- targets [--runs N]</c>: measures this machine with
/// <see cref="HostProfiler"/>, then compares the roofline estimate of the <c>host</c> profile with the ONNX Runtime
/// latency of zoo models (batch 1), model by model.
/// </summary>
public static class HostEstimateBench
{
    private static readonly (string Name, ZooOptions Options)[] Models =
    [
        ("mobilenet_v2", new ZooOptions()),
        ("shufflenet_v2_x1_0", new ZooOptions()),
        ("mobilenet_v3_large", new ZooOptions()),
        ("resnet18", new ZooOptions()),
        ("resnet50", new ZooOptions()),
        ("pose_resnet50", new ZooOptions { InputHeight = 256, InputWidth = 256 }),
        ("pose_mobilenet_v2", new ZooOptions { InputHeight = 256, InputWidth = 256, BottleneckChannels = 64 }),
    ];

    public static int Run(string[] args)
    {
        int runs = args is ["--runs", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 30;
        var spec = new SessionOptionsSpec();
        var figures = HostProfiler.MeasureFigures(spec);
        var host = HostProfiler.ToProfile(figures, DateTime.UtcNow);
        Console.WriteLine($"# host: {figures}");
        Console.WriteLine($"{"model",-20} {"estimate ms",12} {"ORT ms",9} {"error",8}");
        var folder = Path.Combine(Path.GetTempPath(), "lighten-bench-targets");
        Directory.CreateDirectory(folder);
        foreach (var (name, options) in Models)
        {
            var graph = ModelZoo.Build(name, options);
            var path = Path.Combine(folder, name + ".onnx");
            OnnxExporter.Save(graph, path);
            double measured = LatencyBenchmark.Run(path, spec, warmup: 5, runs).LatencyMs.Median;
            double estimate = LatencyEstimator.Estimate(graph, host, Precision.Fp32)!.TotalMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-20} {estimate,12:0.00} {measured,9:0.00} {estimate / measured - 1,8:+0.0%;-0.0%}"));
        }
        return 0;
    }
}
