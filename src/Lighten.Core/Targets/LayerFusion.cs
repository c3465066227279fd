namespace Lighten.Core.Targets;

/// <summary>
/// The nodes an inference runtime folds into the layer before them, so that they cost no time of their own:
/// a BatchNormalization right after a Conv, ConvTranspose or Gemm (folded into its weights), and an activation
/// right after such a layer, an Add or a folded node (applied as the layer writes its output). The value between
/// the two must have no other reader and must not be a graph output.
/// </summary>
internal static class LayerFusion
{
    private static readonly HashSet<string> Hosts = ["Conv", "ConvTranspose", "Gemm", "MatMul"];

    private static readonly HashSet<string> Activations =
        ["Relu", "LeakyRelu", "Clip", "HardSigmoid", "HardSwish", "Sigmoid", "PRelu", "Elu", "Selu", "Tanh"];

    /// <summary>The names of the fused nodes of <paramref name="graph"/>.</summary>
    public static HashSet<string> FusedNodes(Graph graph)
    {
        var readers = new Dictionary<string, int>(StringComparer.Ordinal);
        var producers = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs.Where(i => i.Length > 0).Distinct()) readers[input] = readers.GetValueOrDefault(input) + 1;
            foreach (var output in node.Outputs.Where(o => o.Length > 0)) producers[output] = node;
        }

        var fused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.Inputs.Length == 0 || node.Inputs[0] is not { Length: > 0 } input) continue;
            if (graph.IsOutput(input) || readers.GetValueOrDefault(input) != 1 || !producers.TryGetValue(input, out var producer)) continue;
            bool folds = node.OpType == "BatchNormalization"
                ? Hosts.Contains(producer.OpType)
                : Activations.Contains(node.OpType)
                  && (Hosts.Contains(producer.OpType) || producer.OpType == "Add" || fused.Contains(producer.Name));
            if (folds) fused.Add(node.Name);
        }
        return fused;
    }
}
