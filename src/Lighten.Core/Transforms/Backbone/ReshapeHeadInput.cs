using Lighten.Core.Zoo;

namespace Lighten.Core.Transforms.Backbone;

/// <summary>
/// G1 without a channel adapter: the head's first weighted layers (those reading the cut, directly or through
/// channel-wise ops such as global pooling, Flatten, activations, or through the Squeeze and Transpose with which a
/// sequence head turns a row into time steps) are re-shaped to the new backbone's channel count and re-initialized —
/// Conv with Kaiming normal (fan out), ConvTranspose with SimpleBaseline's N(0, 0.001²), Gemm and MatMul with PyTorch's
/// default; a BatchNorm met on the way becomes an identity of the new width. Every other head weight stays.
/// </summary>
internal static class ReshapeHeadInput
{
    private static readonly HashSet<string> ChannelWise =
    [
        "Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Dropout", "Identity",
        "GlobalAveragePool", "GlobalMaxPool", "AveragePool", "MaxPool", "Flatten",
    ];

    /// <summary>Re-shapes the layers reading <paramref name="tensor"/> from <paramref name="oldChannels"/> to <paramref name="newChannels"/> inputs; returns one line per layer.</summary>
    public static List<string> Run(GraphBuilder b, string tensor, int oldChannels, int newChannels, int seed, BackboneAdapter adapter)
    {
        var details = new List<string>();
        if (oldChannels == newChannels) return details;
        var random = new SplitMix64(seed ^ 0x4EAD);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        // Each value carries where its channel axis is and its rank: a sequence head moves the channels last.
        var pending = new Queue<(string Value, int Axis, int Rank)>([(tensor, 1, 4)]);
        while (pending.Count > 0)
        {
            var (value, axis, rank) = pending.Dequeue();
            foreach (var node in b.Consumers(value))
            {
                if (!visited.Add(node.Name)) continue;
                if (node.Inputs[0] != value)
                    throw Refuse(node, $"reads the backbone's output as its input {node.Inputs.IndexOf(value)}, not as its data");
                if (node.OpType is "Conv" or "ConvTranspose" or "Gemm" or "BatchNormalization" && axis != 1)
                    throw Refuse(node, $"reads the channels on axis {axis}, not 1");
                switch (node.OpType)
                {
                    case "Conv" or "ConvTranspose" or "Gemm":
                        details.Add(Reshape(b, node, oldChannels, newChannels, random));
                        break;
                    case "MatMul":
                        if (axis != rank - 1) throw Refuse(node, $"multiplies over axis {rank - 1}, and the channels are on axis {axis}");
                        details.Add(Reshape(b, node, oldChannels, newChannels, random));
                        break;
                    case "BatchNormalization":
                        b.ReplaceNode(node with { Inputs = [node.Inputs[0], .. adapter.BatchNormParameters(node.Name + ".reshaped", newChannels)] });
                        details.Add($"re-shaped BatchNormalization '{node.Name}' to {newChannels} channels (identity)");
                        pending.Enqueue((node.Outputs[0], axis, rank));
                        break;
                    case "Squeeze":
                        pending.Enqueue(Squeeze(b, node, axis, rank));
                        break;
                    case "Transpose":
                        var perm = node.GetInts("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(i => (long)i)];
                        pending.Enqueue((node.Outputs[0], Array.IndexOf(perm, (long)axis), rank));
                        break;
                    case "Flatten":
                        pending.Enqueue((node.Outputs[0], axis, 2));
                        break;
                    case var op when ChannelWise.Contains(op):
                        pending.Enqueue((node.Outputs[0], axis, rank));
                        break;
                    default:
                        throw Refuse(node, "is not a Conv, ConvTranspose, Gemm, MatMul, Squeeze, Transpose or channel-wise op");
                }
            }
        }
        return details;
    }

    /// <summary>The channel axis and rank after a Squeeze whose axes are an attribute (before opset 13) or a constant input.</summary>
    private static (string, int, int) Squeeze(GraphBuilder b, Node node, int axis, int rank)
    {
        var axes = node.GetInts("axes")
            ?? (node.HasInput(1) && b.Initializers.TryGetValue(node.Inputs[1], out var t) ? t.ToInt64Array() : null)
            ?? throw Refuse(node, "squeezes axes that are not given as constants");
        var removed = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        if (removed.Contains(axis)) throw Refuse(node, "squeezes the channel axis");
        return (node.Outputs[0], axis - removed.Count(a => a < axis), rank - removed.Count);
    }

    private static string Reshape(GraphBuilder b, Node node, int oldChannels, int newChannels, SplitMix64 random)
    {
        if (!b.Initializers.TryGetValue(node.Inputs[1], out var weight) || weight.Dims.Length < 2)
            throw Refuse(node, "has no weight initializer to re-shape");
        if (node.GetInt("group", 1) != 1) throw Refuse(node, "is a grouped convolution");
        if (b.Consumers(node.Inputs[1]).Count > 1) throw Refuse(node, "shares its weight with another node");
        // The axis of the input channels: Conv [out, in, k...], ConvTranspose [in, out, k...], Gemm [out, in] with transB
        // else [in, out], MatMul [in, out].
        int axis = node.OpType switch
        {
            "Conv" => 1,
            "ConvTranspose" => 0,
            "MatMul" => 0,
            _ => node.GetInt("transB", 0) == 1 ? 1 : 0,
        };
        if (weight.Dims[axis] != oldChannels)
            throw Refuse(node, $"has {weight.Dims[axis]} input channels where the cut has {oldChannels}");
        var dims = weight.Dims.ToArray();
        dims[axis] = newChannels;
        var init = node.OpType switch
        {
            "Conv" => WeightInit.KaimingNormalFanOut,
            "ConvTranspose" => WeightInit.Normal(0.001),
            _ => WeightInit.PyTorchDefault,
        };
        // Fan in and out as PyTorch counts them: dims[1] is "in" for Conv and a Linear's [out, in]; a matrix stored [in, out]
        // draws as its Linear would (the values are independent, so only the fans change).
        long[] fans = dims.Length == 2 && axis == 0 ? [dims[1], dims[0]] : dims;
        b.SetInitializer(node.Inputs[1], TensorData.FromFloats(dims, init.Weight(random, fans)));
        return $"re-shaped {node.OpType} '{node.Name}' to {newChannels} input channels ({oldChannels} before), re-initialized";
    }

    private static OptionException Refuse(Node node, string why) =>
        new($"{OptionKey.Ref(OptionKey.NoAdapter)} cannot re-shape the head: node '{node.Name}' ({node.OpType}) {why}; use the adapter instead");
}
