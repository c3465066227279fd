using System.Globalization;
using Lighten.Bench.Quantization;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Prune;
using Lighten.Core.Zoo;
using Lighten.Runtime;

namespace Lighten.Bench.Pruning;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- prune [--ratio R] [--sparsity S] [--rounds N] [--runs N] [--threads N] [--models a,b]</c>:
/// G5 on zoo models (untrained weights: MACs and latency do not depend on them).
/// <list type="bullet">
/// <item>structured channel pruning at ratio R (default 0.5, L1, uniform) of ResNet-50 and MobileNetV2 at 224×224 and the
/// pose models (PoseResNet-50/18, PoseMobileNetV2 at 256×192): MACs and parameters before and after, and ONNX Runtime
/// batch-1 latency of both side by side;</item>
/// <item>unstructured magnitude pruning at sparsity S (default 0.8) of PoseResNet-18: per-layer sparsity, raw and zip size,
/// and the latency side by side (unchanged, as the zeros are still computed).</item>
/// </list>
/// </summary>
public static class PruneBench
{
    private static readonly string[] DefaultModels = ["resnet50", "mobilenet_v2", "pose_resnet50", "pose_resnet18", "pose_mobilenet_v2"];

    public static int Run(string[] args)
    {
        double ratio = 0.5, sparsity = 0.8;
        int rounds = 4, runs = 10;
        int? threads = null;
        var models = DefaultModels;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ratio": ratio = Double(args[++i]); break;
                case "--sparsity": sparsity = Double(args[++i]); break;
                case "--rounds": rounds = (int)Double(args[++i]); break;
                case "--runs": runs = (int)Double(args[++i]); break;
                case "--threads": threads = (int)Double(args[++i]); break;
                case "--models": models = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var spec = new SessionOptionsSpec { IntraOpThreads = threads };
        var folder = Path.Combine(Path.GetTempPath(), "lighten-prune-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"# G5 structured channel pruning, ratio {F($"{ratio}")} (L1, uniform), ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}");
            foreach (var name in models.Where(m => m != "unstructured"))
                Structured(name, ratio, spec, rounds, runs, folder);
            Console.WriteLine();
            Unstructured("pose_resnet18", sparsity, spec, rounds, runs, folder);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Graph Build(string name) => name.StartsWith(ModelZoo.PosePrefix, StringComparison.Ordinal)
        ? ModelZoo.Build(name, new ZooOptions { InputHeight = 256, InputWidth = 192 })
        : ModelZoo.Build(name, new ZooOptions { InputHeight = 224, InputWidth = 224 });

    private static void Structured(string name, double ratio, SessionOptionsSpec spec, int rounds, int runs, string folder)
    {
        var dense = Build(name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = PruneChannels.Run(dense, new ChannelPruneOptions { Ratio = ratio });
        double seconds = clock.Elapsed.TotalSeconds;
        var before = Profiler.Run(dense).Totals;
        var after = Profiler.Run(result.Graph).Totals;
        var densePath = Path.Combine(folder, name + ".onnx");
        var prunedPath = Path.Combine(folder, name + ".pruned.onnx");
        OnnxExporter.Save(dense, densePath);
        OnnxExporter.Save(result.Graph, prunedPath);
        Console.WriteLine();
        Console.WriteLine($"## {name} {Shape(dense)}: pruned in {F($"{seconds:0.0}")} s, {result.Changes} channel groups removed");
        Console.WriteLine(F($"  MACs   {before.Macs / 1e9,8:0.000} G -> {after.Macs / 1e9,8:0.000} G  ({100.0 * (1 - (double)after.Macs / before.Macs):0.0}% fewer)"));
        Console.WriteLine(F($"  params {before.Params / 1e6,8:0.000} M -> {after.Params / 1e6,8:0.000} M  ({100.0 * (1 - (double)after.Params / before.Params):0.0}% fewer)"));
        foreach (var kept in result.Details.Where(d => d.StartsWith("kept", StringComparison.Ordinal))) Console.WriteLine($"  {kept}");
        SideBySide.Run(densePath, prunedPath, spec, rounds, runs, Console.Out, "dense", "pruned");
    }

    private static void Unstructured(string name, double sparsity, SessionOptionsSpec spec, int rounds, int runs, string folder)
    {
        var dense = Build(name);
        Console.WriteLine($"# G5 unstructured magnitude pruning, {name} {Shape(dense)}, sparsity {F($"{sparsity}")} per layer (first and last layers dense)");
        var result = PruneMagnitude.Run(dense, new MagnitudePruneOptions { Sparsity = sparsity });
        var denseReport = SparsityReport.Measure(dense);
        var report = SparsityReport.Measure(result.Graph);
        foreach (var layer in report.Layers)
            Console.WriteLine(F($"  {layer.Node,-40} {layer.OpType,-14} {layer.Weights,10} weights {100 * layer.Sparsity,6:0.0}% zeros"));
        Console.WriteLine(F($"  all layers: {100 * report.Sparsity:0.0}% zeros"));
        Console.WriteLine(F($"  raw  {denseReport.RawBytes / 1e6,8:0.00} MB -> {report.RawBytes / 1e6,8:0.00} MB"));
        Console.WriteLine(F($"  zip  {denseReport.ZippedBytes / 1e6,8:0.00} MB -> {report.ZippedBytes / 1e6,8:0.00} MB  ({(double)report.ZippedBytes / denseReport.ZippedBytes:0.000}x the dense zip, {(double)report.ZippedBytes / denseReport.RawBytes:0.000}x the dense raw file)"));
        var densePath = Path.Combine(folder, name + ".dense.onnx");
        var sparsePath = Path.Combine(folder, name + ".sparse.onnx");
        OnnxExporter.Save(dense, densePath);
        OnnxExporter.Save(result.Graph, sparsePath);
        SideBySide.Run(densePath, sparsePath, spec, rounds, runs, Console.Out, "dense", "sparse");
    }

    private static string Shape(Graph g) => g.Inputs[0].Shape?.ToString() ?? "?";

    private static double Double(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
