using Lighten.Core;
using Lighten.Core.Onnx;
using Lighten.Core.Tests.Support;
using TorchSharp;

namespace Lighten.Training.Tests.Support;

/// <summary>Runs a graph with <see cref="GraphModule"/> and with ONNX Runtime on the same seeded inputs.</summary>
internal static class ModuleRunner
{
    /// <summary>The largest absolute difference between ONNX Runtime and an eval-mode GraphModule on <paramref name="graph"/>.</summary>
    public static double DiffToOrt(Graph graph, int seed = 11, int batch = 1, Graph? moduleGraph = null)
    {
        using var session = OrtRunner.Open(OnnxExporter.ToBytes(graph));
        var inputs = OrtRunner.RandomInputs(session, seed, batch);
        var expected = OrtRunner.Run(session, inputs);
        using var module = new GraphModule(moduleGraph ?? graph);
        return OrtRunner.MaxAbsDiff(expected, Run(module, inputs));
    }

    /// <summary>Runs <paramref name="module"/> in eval mode without gradients and reads every output back.</summary>
    public static IReadOnlyDictionary<string, OrtTensor> Run(GraphModule module, IReadOnlyDictionary<string, OrtTensor> inputs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        module.eval();
        var outputs = module.Run(inputs.ToDictionary(kv => kv.Key, kv => ToTensor(kv.Value)));
        return outputs.ToDictionary(kv => kv.Key, kv => FromTensor(kv.Value));
    }

    public static torch.Tensor ToTensor(OrtTensor t) => torch.tensor(t.Values, t.Shape);

    public static OrtTensor FromTensor(torch.Tensor t) => new(t.shape, t.contiguous().data<float>().ToArray());
}
