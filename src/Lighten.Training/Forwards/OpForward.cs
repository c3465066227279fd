using Lighten.Core;
using static TorchSharp.torch;

namespace Lighten.Training.Forwards;

/// <summary>
/// The TorchSharp forward of one or more ONNX op types. Subclasses in this assembly are found by
/// <see cref="OpForwards"/>, those of other assemblies registered there; supporting a new op means adding one such class.
/// </summary>
public abstract class OpForward : Lighten.Core.Ops.IOpHandler
{
    /// <summary>The op types this class runs.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain (empty: ONNX's default).</summary>
    public virtual string Domain => "";

    /// <summary>Whether input <paramref name="input"/> of <paramref name="node"/>, the float initializer <paramref name="value"/>, is a trainable weight.</summary>
    public virtual bool IsWeight(Node node, int input, TensorData value) => false;

    /// <summary>Refuses, up front, attribute combinations this forward does not support (throw via <see cref="Refuse"/>).</summary>
    public virtual void Check(Node node, long opset) { }

    /// <summary>Computes the node's outputs; an absent optional output may be left null.</summary>
    public abstract Tensor?[] Forward(ForwardContext ctx);

    /// <summary>An error naming the node, for an unsupported combination found by <see cref="Check"/>.</summary>
    protected static GraphModuleException Refuse(Node node, string message) => new(message, node.Name, node.OpType);
}
