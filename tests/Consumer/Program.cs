// A few lines of Lighten's library API, built from the packages (scripts/pack-check.sh checks what this prints).
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Runtime;
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

// Training: the native engine is decided by the probe child the Lighten.NativeProbe package put beside this app, which
// loads libtorch through the shim the Lighten.Training package patched.
var engine = NativeEngine.Prepare(Console.Out);
Console.WriteLine($"native engine: {engine.Remedy.Name} ({engine.Source})");
return 0;
