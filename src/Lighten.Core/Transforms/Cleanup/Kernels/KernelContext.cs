namespace Lighten.Core.Transforms.Cleanup.Kernels;

/// <summary>What a constant kernel sees of a node: the node, the model's opset and the constant inputs.</summary>
public sealed class KernelContext(Node node, long opsetVersion, IReadOnlyList<TensorData?> inputs, long maxElements)
{
    /// <summary>The node being computed.</summary>
    public Node Node { get; } = node;

    /// <summary>The opset version of the default ONNX domain.</summary>
    public long OpsetVersion { get; } = opsetVersion;

    /// <summary>The largest output, in elements, a kernel may produce.</summary>
    public long MaxElements { get; } = maxElements;

    /// <summary>Number of inputs listed on the node.</summary>
    public int InputCount => Node.Inputs.Length;

    /// <summary>Whether input <paramref name="index"/> is present.</summary>
    public bool HasInput(int index) => Node.HasInput(index) && index < inputs.Count && inputs[index] is not null;

    /// <summary>The value of input <paramref name="index"/>; throws when it is absent.</summary>
    public TensorData Input(int index) =>
        HasInput(index) ? inputs[index]! : throw Fail($"input {index} is missing");

    /// <summary>The value of input <paramref name="index"/>, or null when absent.</summary>
    public TensorData? OptionalInput(int index) => HasInput(index) ? inputs[index] : null;

    /// <summary>
    /// The integers of an input (opset at or above <paramref name="inputSince"/>) or else of the attribute
    /// <paramref name="attribute"/>, as ONNX moved many attributes (axes, starts) to inputs; null when neither is given.
    /// </summary>
    public long[]? IntsFromInputOrAttribute(int index, string attribute, long inputSince) =>
        OpsetVersion >= inputSince
            ? OptionalInput(index) is { } t ? TensorOps.ToLongs(t) : null
            : Node.GetInts(attribute);

    /// <summary>An error naming the node, its op and its input shapes, to throw from a kernel.</summary>
    public ShapeInferenceException Fail(string message)
    {
        var shapes = string.Join(", ", Node.Inputs.Select((n, i) =>
            n.Length == 0 ? "-" : $"{n}: {(i < inputs.Count ? inputs[i]?.Shape.ToString() : null) ?? "?"}"));
        return new ShapeInferenceException($"{message} (inputs {shapes})", Node.Name, Node.OpType);
    }
}
