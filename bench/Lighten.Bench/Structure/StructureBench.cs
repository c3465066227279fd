using System.Globalization;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Backbone;
using Lighten.Core.Transforms.Factorize;
using Lighten.Core.Zoo;
using Lighten.Runtime;

namespace Lighten.Bench.Structure;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- structure [--size 256] [--rounds 6] [--runs 10] [--threads N]</c>:
/// the guideline's structural steps on the reference case, side by side in ONNX Runtime. The zoo's PoseResNet-50
/// (16 joints), then G1 (<see cref="SwapBackbone"/>: MobileNetV2 backbone, head re-shaped without adapter), then G2
/// (<see cref="FactorizeConvolutions"/>: a 64-channel bottleneck before every ConvTranspose), with their MACs and the
/// median batch-1 latency of each, measured in rounds whose order rotates so that machine drift hits all three.
/// Latency does not depend on the weights, so the models are untrained.
/// </summary>
public static class StructureBench
{
    public static int Run(string[] args)
    {
        int size = 256, rounds = 6, runs = 10;
        int? threads = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = Int(args[++i]); break;
                case "--rounds": rounds = Int(args[++i]); break;
                case "--runs": runs = Int(args[++i]); break;
                case "--threads": threads = Int(args[++i]); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var spec = new SessionOptionsSpec { IntraOpThreads = threads };
        var baseline = ModelZoo.Build("pose_resnet50", new ZooOptions { InputHeight = size, InputWidth = size, Joints = 16 });
        var g1 = SwapBackbone.Run(baseline, "mobilenet_v2", new BackboneSwapOptions { Adapter = false }).Graph;
        var g2 = FactorizeConvolutions.Run(g1, new FactorizeOptions
        {
            Selection = new LayerSelectionOptions { Layers = ["ConvTranspose"] },
            Bottleneck = new BottleneckOptions { Rank = RankChoice.Fixed(64) },
        }).Graph;
        (string Label, Graph Graph)[] models = [("PoseResNet-50", baseline), ("G1", g1), ("G1+G2", g2)];

        var folder = Directory.CreateTempSubdirectory("lighten-structure-bench-").FullName;
        try
        {
            Console.WriteLine($"# G1 + G2 on PoseResNet-50 {size}x{size}, 16 joints ({Environment.ProcessorCount} logical / {CpuTopology.PhysicalCores} physical cores, "
                + $"ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}, {spec.Threads} threads)");
            var paths = models.Select(m => Path.Combine(folder, m.Label.Replace('+', '_') + ".onnx")).ToArray();
            for (int i = 0; i < models.Length; i++) OnnxExporter.Save(models[i].Graph, paths[i]);
            var samples = Interleaved(paths, spec, rounds, runs);
            Console.WriteLine(F($"  {"model",-15}{"GMACs",9}{"params M",10}{"min ms",9}{"median",9}{"p90",9}{"speed-up",10}"));
            double baseMedian = samples[0].Median;
            for (int i = 0; i < models.Length; i++)
            {
                var totals = Profiler.Run(models[i].Graph).Totals;
                var s = samples[i];
                Console.WriteLine(F($"  {models[i].Label,-15}{totals.Macs / 1e9,9:0.000}{totals.Params / 1e6,10:0.00}{s.Min,9:0.00}{s.Median,9:0.00}{s.P90,9:0.00}{baseMedian / s.Median,9:0.00}x"));
            }
            Console.WriteLine(F($"  ({rounds} rounds x {runs} runs per model, batch 1; speed-up = baseline median / model median)"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The latency samples of every model, measured round by round with the order rotating (A B C, B C A, C A B, ...).</summary>
    private static LatencyStats[] Interleaved(string[] paths, SessionOptionsSpec spec, int rounds, int runs)
    {
        var samples = paths.Select(_ => new List<double>()).ToArray();
        var sessions = paths.Select(p => ModelSession.Open(p, spec)).ToArray();
        try
        {
            for (int round = 0; round < rounds; round++)
                for (int k = 0; k < paths.Length; k++)
                {
                    int i = (round + k) % paths.Length;
                    samples[i].AddRange(LatencyBenchmark.Measure(sessions[i], 2, runs).SamplesMs);
                }
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
        return [.. samples.Select(LatencyStats.From)];
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
