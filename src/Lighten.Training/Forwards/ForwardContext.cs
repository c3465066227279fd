using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>What a node's forward sees: the node, its opset, its input tensors (null when absent) and whether the module trains.</summary>
public sealed class ForwardContext(Node node, long opset, Tensor?[] inputs, bool training)
{
    /// <summary>The node being run.</summary>
    public Node Node { get; } = node;

    /// <summary>The version of the node's domain the graph imports.</summary>
    public long Opset { get; } = opset;

    /// <summary>Whether the module is in training mode (batch statistics, dropout).</summary>
    public bool Training { get; } = training;

    /// <summary>
    /// The weight of the new batch in every BatchNormalization's running statistics (libtorch's momentum) in place of the
    /// node's attribute, or null for the attribute (see <see cref="GraphModule.BatchNormMomentum"/>).
    /// </summary>
    public double? BatchNormMomentum { get; init; }

    /// <summary>Whether input <paramref name="i"/> is present.</summary>
    public bool Has(int i) => i < inputs.Length && inputs[i] is not null;

    /// <summary>Input <paramref name="i"/>; throws naming the node when it is absent.</summary>
    public Tensor Input(int i) => Has(i) ? inputs[i]! : throw Fail($"input {i} is required but absent");

    /// <summary>Input <paramref name="i"/>, or null when absent.</summary>
    public Tensor? Optional(int i) => Has(i) ? inputs[i] : null;

    /// <summary>An integer input (shape, axes, pads) as 64-bit integers, or null when absent.</summary>
    public long[]? Longs(int i) => Has(i) ? TorchTensors.ToLongs(inputs[i]!) : null;

    /// <summary>A scalar numeric input, or null when absent.</summary>
    public double? Scalar(int i)
    {
        if (!Has(i)) return null;
        var values = TorchTensors.ToDoubles(inputs[i]!);
        return values.Length == 1 ? values[0] : throw Fail($"input {i} must hold one value, it holds {values.Length}");
    }

    /// <summary>An error naming the node.</summary>
    public GraphModuleException Fail(string message) => new(message, Node.Name, Node.OpType);

    /// <summary>An axis made non-negative for a tensor of rank <paramref name="rank"/>; throws naming the node when out of range.</summary>
    public int Axis(long axis, long rank)
    {
        long a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < rank ? (int)a : throw Fail($"axis {axis} is out of range for rank {rank}");
    }
}
