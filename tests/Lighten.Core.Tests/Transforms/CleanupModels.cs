using System.Collections.Concurrent;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms;

/// <summary>The test models at batch 1.</summary>
internal static class CleanupModels
{
    private static readonly ConcurrentDictionary<string, IrGraph> Loaded = new(StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. OrtRunner.TestModelNames];

    /// <summary>A test model with its input fixed to 1x3xHxW (H and W as the file declares them).</summary>
    public static IrGraph AtBatch1(string name) => Loaded.GetOrAdd(name, n =>
    {
        var g = OnnxImporter.Load(OrtRunner.TestModel(n));
        var input = g.Inputs.Single(i => i.Name == "input");
        long[] dims = [1, .. input.Shape!.Dims.Skip(1).Select(d => d.Value!.Value)];
        return InputShapes.Apply(g, new Dictionary<string, long[]> { ["input"] = dims });
    });
}
