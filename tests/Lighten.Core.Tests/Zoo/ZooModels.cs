using System.Collections.Concurrent;
using Lighten.Core.Analysis;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using Lighten.Core.Transforms.Cleanup;
using Lighten.Core.Zoo;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Zoo;

/// <summary>Zoo graphs built once per test run, and the checks several zoo tests share.</summary>
internal static class ZooModels
{
    private static readonly ConcurrentDictionary<(string, ZooOptions), IrGraph> Built = new();

    public static IrGraph Get(string name, ZooOptions? options = null) =>
        Built.GetOrAdd((name, options ?? new ZooOptions()), key => ModelZoo.Build(key.Item1, key.Item2));

    public static TheoryData<string> ClassifierNames => [.. ModelZoo.Entries.Where(e => e.Task == ZooTask.Classify).Select(e => e.Name)];

    /// <summary>Runs <paramref name="graph"/> and its cleaned-up form (BatchNorm folded) in ONNX Runtime; asserts they agree within 1e-4 relative; returns the output.</summary>
    public static OrtTensor RunAndCompareWithCleanup(IrGraph graph, int batch, int seed = 5)
    {
        GraphValidator.Validate(graph);
        var expected = OrtRunner.RunSeeded(OnnxExporter.ToBytes(graph), seed, batch);
        var cleaned = Optimize.Run(graph).Graph;
        GraphValidator.Validate(cleaned);
        Assert.DoesNotContain(cleaned.Nodes, n => n.OpType == "BatchNormalization");
        var actual = OrtRunner.RunSeeded(OnnxExporter.ToBytes(cleaned), seed, batch);
        double scale = expected.Values.SelectMany(t => t.Values).Max(v => Math.Abs((double)v));
        double diff = OrtRunner.MaxAbsDiff(expected, actual);
        Assert.True(scale > 0 && double.IsFinite(scale), $"{graph.Name}: outputs are all zero or not finite");
        Assert.True(diff <= 1e-4 * scale, $"{graph.Name}: ONNX Runtime outputs before and after cleanup differ by {diff:g3} (largest {scale:g3})");
        return expected[NetBuilder.OutputName];
    }

    /// <summary>MACs at batch 1 for the graph's own input size.</summary>
    public static long Macs(IrGraph graph) => Profiler.Run(graph).Totals.Macs;
}
