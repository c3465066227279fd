using System.Diagnostics;
using System.Globalization;
using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Transforms.Fp16;
using Lighten.Core.Zoo;
using Lighten.Runtime;
using Lighten.Runtime.Calibration;
using Lighten.Runtime.Fp16;

namespace Lighten.Bench.Quantization;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lighten.Bench -- quant [--calib N] [--rounds N] [--runs N] [--threads N] [--skip-pose] [--skip-fp16]</c>:
/// G3 and G4 on zoo models (untrained weights: latency does not depend on them).
/// <list type="bullet">
/// <item>ResNet-50 at 224×224: quantization wall time with N synthetic calibration images (default 100; layer timings measured,
/// with an empty cache, then again with the cache warm), and INT8 against FP32 median latency side by side;</item>
/// <item>the reference case's lightened pose model (MobileNetV2 backbone, 64-channel bottleneck before each ConvTranspose, 256×256): the same;</item>
/// <item>the FP16 decision on ResNet-50 (FP16 against FP32 on this host).</item>
/// </list>
/// </summary>
public static class QuantBench
{
    public static int Run(string[] args)
    {
        int calib = 100, rounds = 6, runs = 20;
        int? threads = null;
        bool pose = true, fp16 = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calib": calib = Int(args[++i]); break;
                case "--rounds": rounds = Int(args[++i]); break;
                case "--runs": runs = Int(args[++i]); break;
                case "--threads": threads = Int(args[++i]); break;
                case "--skip-pose": pose = false; break;
                case "--skip-fp16": fp16 = false; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        var spec = new SessionOptionsSpec { IntraOpThreads = threads };
        var folder = Path.Combine(Path.GetTempPath(), "lighten-quant-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"# G3 INT8 post-training quantization ({Environment.ProcessorCount} logical / {CpuTopology.PhysicalCores} physical cores, ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()})");
            var resnet = ModelZoo.Build("resnet50", new ZooOptions { InputHeight = 224, InputWidth = 224 });
            var resnetFp32 = Quantize("resnet50 224x224", resnet, 224, calib, spec, rounds, runs, folder);
            if (pose)
            {
                var model = ModelZoo.Build("pose_mobilenet_v2", new ZooOptions { InputHeight = 256, InputWidth = 256, BottleneckChannels = 64 });
                Quantize("pose_mobilenet_v2 + 64-ch bottlenecks 256x256", model, 256, calib, spec, rounds, runs, folder);
            }
            if (fp16)
            {
                Console.WriteLine();
                Console.WriteLine("# G4 FP16 decision, resnet50 224x224");
                var fp32Graph = OnnxImporter.Load(resnetFp32);
                var conversion = ConvertToFp16.RunDetailed(fp32Graph);
                var path = Path.Combine(folder, "resnet50.fp16.onnx");
                OnnxExporter.Save(conversion.Graph, path);
                Console.WriteLine($"  {conversion.Pass.Details[0]}");
                SideBySide.Run(resnetFp32, path, spec, rounds, Math.Max(runs / 2, 5), Console.Out, "FP32", "FP16");
                var decision = Fp16Advisor.MeasureOnHost(fp32Graph, conversion.Graph, spec);
                Console.WriteLine($"  decision: {(decision.Convert ? "convert" : "skip")}: {decision.Reason}");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Quantizes <paramref name="graph"/> twice (cold, then warm layer-timing cache), prints the times and latencies; returns the FP32 file.</summary>
    private static string Quantize(string title, Graph graph, int size, int calib, SessionOptionsSpec spec, int rounds, int runs, string folder)
    {
        Console.WriteLine();
        Console.WriteLine($"## {title}, {calib} calibration images");
        var fp32 = Path.Combine(folder, Safe(title) + ".onnx");
        OnnxExporter.Save(Optimize.Run(graph).Graph, fp32);
        var source = new SyntheticCalibrationSource(size, size, calib, seed: 1);
        var cache = Path.Combine(folder, Safe(title) + ".timings.json");
        PtqResult? result = null;
        foreach (var pass in new[] { "cold timing cache", "warm timing cache" })
        {
            var clock = Stopwatch.StartNew();
            result = PostTrainingQuantizer.Run(OnnxImporter.Load(fp32), source, new PtqOptions
            {
                Session = spec,
                Benchmark = new LayerBenchmark(new LayerTimingCache(cache), spec),
            });
            Console.WriteLine(F($"  quantization ({pass}): {clock.Elapsed.TotalSeconds:0.0} s wall (calibration {result.Calibration.Elapsed.TotalSeconds:0.0} s), {result.MeasuredLayers} layers timed, {result.CachedLayers} from the cache"));
        }
        Console.WriteLine($"  {result!.Int8Layers} of {result.Layers.Length} compute layers INT8; FP32: " +
            string.Join("; ", result.Layers.Where(l => !l.Int8).GroupBy(l => (l.OpType, l.Reason)).Select(g => $"{g.Count()} {g.Key.OpType} ({g.Key.Reason})")));
        foreach (var l in result.Layers.Where(l => l.OpType == "ConvTranspose" && l.Timing is not null))
            Console.WriteLine(F($"    {l.Node}: FP32 {l.Timing!.Fp32Ms:0.000} ms, INT8 {l.Timing.Int8Ms:0.000} ms"));
        var int8 = Path.Combine(folder, Safe(title) + ".int8.onnx");
        OnnxExporter.Save(result.Graph, int8);
        SideBySide.Run(fp32, int8, spec, rounds, runs, Console.Out, "FP32", "INT8");

        var all = PostTrainingQuantizer.Run(OnnxImporter.Load(fp32), source, new PtqOptions { Session = spec });
        var allPath = Path.Combine(folder, Safe(title) + ".int8-all.onnx");
        OnnxExporter.Save(all.Graph, allPath);
        Console.WriteLine($"  every layer INT8 regardless of timing ({all.Int8Layers} of {all.Layers.Length}):");
        SideBySide.Run(fp32, allPath, spec, rounds, runs, Console.Out, "FP32", "INT8-all");
        return fp32;
    }

    private static string Safe(string title) => new([.. title.Where(char.IsLetterOrDigit)]);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
