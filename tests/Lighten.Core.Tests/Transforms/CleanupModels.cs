using System.Collections.Concurrent;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using IrGraph = Lighten.Core.Graph;

namespace Lighten.Core.Tests.Transforms;

/// <summary>The test models at batch 1, and the structural check run after every pass.</summary>
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

    /// <summary>
    /// Every value is defined once before it is read, graph outputs are produced, node names are unique and
    /// shape inference accepts the graph (GraphValidator's checks, until it is on this branch).
    /// </summary>
    public static void AssertValid(IrGraph g)
    {
        var defined = new HashSet<string>(g.Inputs.Select(i => i.Name).Concat(g.Initializers.Keys), StringComparer.Ordinal);
        Assert.Equal(g.Nodes.Length, g.Nodes.Select(n => n.Name).Distinct().Count());
        foreach (var node in g.Nodes)
        {
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
                Assert.True(defined.Contains(input), $"node '{node.Name}' ({node.OpType}) reads '{input}' before it is defined");
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
                Assert.True(defined.Add(output), $"node '{node.Name}' ({node.OpType}) writes '{output}', which is already defined");
        }
        foreach (var output in g.Outputs) Assert.Contains(output.Name, defined);
        ShapeInference.Run(g);
    }
}
