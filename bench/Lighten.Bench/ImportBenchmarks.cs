using BenchmarkDotNet.Attributes;
using Lighten.Core;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;

namespace Lighten.Bench;

/// <summary>
/// Importing and profiling a ~100 MB model should cost about as much as reading and parsing the file:
/// the baseline reads the bytes and parses them with protobuf; the others import into a Graph and profile it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class ImportBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void WriteModel()
    {
        _path = Path.Combine(Path.GetTempPath(), "lighten-bench-100mb.onnx");
        if (!File.Exists(_path)) OnnxExporter.Save(LargeModel.Build(targetBytes: 100L << 20), _path);
    }

    [Benchmark(Baseline = true)]
    public object ReadAndParse() => Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(_path));

    [Benchmark]
    public Graph Import() => OnnxImporter.Load(_path);

    [Benchmark]
    public ModelProfile ImportAndProfile() => Profiler.Run(OnnxImporter.Load(_path));
}
