// A few lines of Lighten's library API, built from the packages (scripts/pack-check.sh checks what this prints):
// profile, time, quantize, and the native engine's choice.
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Transforms.Preparation;
using Lighten.Data.Imaging;
using Lighten.Runtime;
using Lighten.Runtime.Calibration;
using Lighten.Training.Native;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Consumer MODEL.onnx");
    return 2;
}
var model = args[0];

// Core: load an ONNX file and profile it.
var graph = OnnxImporter.Load(model);
var profile = Profiler.Run(graph);
Console.WriteLine($"profile {Path.GetFileNameWithoutExtension(model)}: {profile.Totals.Macs} MACs, {profile.Totals.Params} params, {profile.Layers.Length} layers");
foreach (var layer in profile.Layers.OrderByDescending(l => l.MacShare).Take(3))
    Console.WriteLine($"  {layer.Name} ({layer.OpType}): {layer.MacShare:P1} of the MACs");

// Runtime: time it in ONNX Runtime.
var bench = LatencyBenchmark.Run(model, null, warmup: 1, runs: 5);
Console.WriteLine($"onnxruntime: init {bench.InitMs:F1} ms, median {bench.LatencyMs.Median:F2} ms");

// Runtime: quantize it to INT8 for a target (synthetic calibration images), write the QDQ model and time that in ONNX Runtime.
var input = graph.Inputs[0].Shape!;
var preprocess = Preprocess.FromOptions($"{input[3].Value}x{input[2].Value}", null, false, null, null, null);
var quantized = Int8Quantization.Run(ModelPreparation.Run(graph, PreparationOptions.Analysis),
    CalibrationSource.Open(CalibrationSource.SyntheticName, preprocess, count: 8), TargetChoice.Resolve("rk3399-cpu"),
    new Int8QuantizationOptions { DecideBySpeed = false });
var int8 = Path.Combine(Path.GetTempPath(), $"consumer-int8-{Environment.ProcessId}.onnx");
OnnxExporter.Save(quantized.Graph, int8);
var int8Bench = LatencyBenchmark.Run(int8, null, warmup: 1, runs: 5);
Console.WriteLine($"quantize: {quantized.Int8Layers} of {quantized.Layers.Length} layers in INT8 for rk3399-cpu; onnxruntime median {int8Bench.LatencyMs.Median:F2} ms");
File.Delete(int8);

// Training: the native engine is decided by the probe child the Lighten.NativeProbe package put beside this app, which
// loads libtorch through the shim the Lighten.Training package patched.
var engine = NativeEngine.Prepare(Console.Out);
Console.WriteLine($"native engine: {engine.Remedy.Name} ({engine.Source})");
return 0;
