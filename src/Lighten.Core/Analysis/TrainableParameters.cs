namespace Lighten.Core.Analysis;

/// <summary>
/// The parameter count of PyTorch's <c>model.parameters()</c>: the float weights and biases of Conv, ConvTranspose
/// and Gemm and the scale and bias of BatchNormalization, each initializer once. BatchNorm's running mean and
/// variance are buffers, not parameters, and are not counted (the profiler's figure includes them).
/// </summary>
public static class TrainableParameters
{
    /// <summary>Counts the trainable parameters of <paramref name="graph"/>.</summary>
    public static long Count(Graph graph)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.Domain is not ("" or "ai.onnx")) continue;
            if (node.OpType is "Conv" or "ConvTranspose" or "Gemm" or "BatchNormalization")
                for (int i = 1; i <= 2 && i < node.Inputs.Length; i++) names.Add(node.Inputs[i]);
        }
        return names.Sum(n => graph.Initializers.TryGetValue(n, out var t) && t.ElementType.IsFloat() ? t.ElementCount : 0);
    }
}
