using System.Collections.Immutable;

namespace Lighten.Core.Ops;

/// <summary>
/// What a shape rule sees of a node and what it sets: the inputs' types and shapes, their values when
/// constant, and the partially known values of small integer vectors (the "shape values" that flow
/// through Shape → Gather → Concat → Reshape, where a dimension may stay symbolic).
/// </summary>
public sealed class ShapeContext
{
    private readonly ValueInfo?[] _inputs;
    private readonly TensorData?[] _constants;
    private readonly ImmutableArray<Dim>?[] _shapeValues;
    private readonly ValueInfo?[] _outputs;
    private readonly ImmutableArray<Dim>?[] _outputShapeValues;

    /// <summary>Creates the context of one node.</summary>
    public ShapeContext(Node node, long opsetVersion, ValueInfo?[] inputs, TensorData?[] constants, ImmutableArray<Dim>?[] shapeValues)
    {
        Node = node;
        OpsetVersion = opsetVersion;
        _inputs = inputs;
        _constants = constants;
        _shapeValues = shapeValues;
        _outputs = new ValueInfo?[node.Outputs.Length];
        _outputShapeValues = new ImmutableArray<Dim>?[node.Outputs.Length];
    }

    /// <summary>The node whose shapes are inferred.</summary>
    public Node Node { get; }

    /// <summary>The opset version of the node's domain in this model.</summary>
    public long OpsetVersion { get; }

    /// <summary>Number of inputs listed on the node (absent optional ones included).</summary>
    public int InputCount => Node.Inputs.Length;

    /// <summary>Whether input <paramref name="index"/> is present.</summary>
    public bool HasInput(int index) => Node.HasInput(index);

    /// <summary>The type and shape of input <paramref name="index"/>; null when absent or unknown.</summary>
    public ValueInfo? Input(int index) => index < _inputs.Length ? _inputs[index] : null;

    /// <summary>The shape of input <paramref name="index"/>; null when absent or of unknown rank.</summary>
    public TensorShape? InputShape(int index) => Input(index)?.Shape;

    /// <summary>The element type of input <paramref name="index"/>; <see cref="ElementType.Undefined"/> when unknown.</summary>
    public ElementType InputType(int index) => Input(index)?.ElementType ?? ElementType.Undefined;

    /// <summary>The value of input <paramref name="index"/> when it is an initializer or a known constant.</summary>
    public TensorData? InputConstant(int index) => index < _constants.Length ? _constants[index] : null;

    /// <summary>
    /// The elements of a rank-0 or rank-1 integer input, each possibly symbolic or unknown, when they are
    /// known at least in part (from a constant or from propagation); null otherwise.
    /// </summary>
    public ImmutableArray<Dim>? InputShapeValue(int index)
    {
        if (index < _shapeValues.Length && _shapeValues[index] is { } v) return v;
        if (InputConstant(index) is { ElementType: ElementType.Int64 or ElementType.Int32, Dims.Length: <= 1 } c)
            return [.. c.ToInt64Array().Select(Dim.Of)];
        return null;
    }

    /// <summary>Sets output <paramref name="index"/>'s type and shape (null shape: rank unknown).</summary>
    public void SetOutput(int index, ElementType type, TensorShape? shape)
    {
        if (index < _outputs.Length && Node.Outputs[index].Length > 0)
            _outputs[index] = new ValueInfo(Node.Outputs[index], type, shape);
    }

    /// <summary>Records the partially known elements of a small integer output vector (for data propagation).</summary>
    public void SetOutputShapeValue(int index, IEnumerable<Dim> values)
    {
        if (index < _outputShapeValues.Length) _outputShapeValues[index] = [.. values];
    }

    /// <summary>The outputs set so far (null where not set).</summary>
    public IReadOnlyList<ValueInfo?> Outputs => _outputs;

    /// <summary>The output shape values set so far (null where not set).</summary>
    public IReadOnlyList<ImmutableArray<Dim>?> OutputShapeValues => _outputShapeValues;

    /// <summary>An error naming the node, its op and its input shapes, to throw from a shape rule.</summary>
    public ShapeInferenceException Fail(string message)
    {
        var shapes = string.Join(", ", Node.Inputs.Select((n, i) => n.Length == 0 ? "-" : $"{n}: {Input(i)?.Shape?.ToString() ?? "?"}"));
        return new ShapeInferenceException($"{message} (inputs {shapes})", Node.Name, Node.OpType);
    }
}
