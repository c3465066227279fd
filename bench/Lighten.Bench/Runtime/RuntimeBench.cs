using System.Globalization;
using Lighten.Runtime;

namespace Lighten.Bench.Runtime;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- runtime [--rounds N] [--runs N] [--threads N] [--images N] [--workers N] [MODEL...]</c>:
/// <see cref="LatencyComparison"/> on each model (default: the test models in tests/data) and <see cref="EvaluationThroughput"/>
/// on the MobileNetV2 test model.
/// </summary>
public static class RuntimeBench
{
    public static int Run(string[] args)
    {
        int rounds = 8, runs = 200, warmup = 20, images = 400, workers = 1;
        int? threads = null;
        var models = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds": rounds = Int(args[++i]); break;
                case "--runs": runs = Int(args[++i]); break;
                case "--warmup": warmup = Int(args[++i]); break;
                case "--threads": threads = Int(args[++i]); break;
                case "--images": images = Int(args[++i]); break;
                case "--workers": workers = Int(args[++i]); break;
                default: models.Add(args[i]); break;
            }
        }
        var data = TestData();
        if (models.Count == 0)
            models.AddRange(new[] { "mobilenet_v2_w035_c10_96.onnx", "shufflenet_v2_x0_5_c10_96.onnx", "mobilenet_v3_small_c10_96.onnx", "tiny_pose_resnet_64.onnx" }
                .Select(m => Path.Combine(data, m)));

        var spec = new SessionOptionsSpec { IntraOpThreads = threads };
        Console.WriteLine($"# LatencyBenchmark vs plain ONNX Runtime loop ({Environment.ProcessorCount} logical / {CpuTopology.PhysicalCores} physical cores)");
        var ratios = models.Select(m => LatencyComparison.Run(m, spec, rounds, warmup, runs, Console.Out)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratios: {string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}"));

        Console.WriteLine();
        Console.WriteLine("# Evaluator vs bare session throughput (synthetic ImageFolder of noisy PNGs)");
        var mobilenet = Path.Combine(data, "mobilenet_v2_w035_c10_96.onnx");
        var evalSpec = spec with { AllowSpinning = false };
        foreach (int size in new[] { 96, 160 })
        foreach (int batch in new[] { 1, 8 })
            EvaluationThroughput.Run(mobilenet, evalSpec, images, size, batch, workers, rounds: 3, Console.Out);
        return 0;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string TestData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "data");
            if (File.Exists(Path.Combine(candidate, "mobilenet_v2_w035_c10_96.onnx"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/data not found above " + AppContext.BaseDirectory);
    }
}
