namespace Lighten.Core.Transforms.Quantize.Ops;

/// <summary>
/// Where a compute op's weights are: the weight input, the axis of its output channels (per-channel scales), and
/// the bias input (null when absent).
/// </summary>
public sealed record WeightLayout(int WeightInput, int Axis, int? BiasInput);

/// <summary>
/// What the quantizer knows about a family of ops: its <see cref="QuantKind"/>, which inputs are activations to
/// quantize, where the weights are and when the op cannot be quantized. Subclasses are found by
/// <see cref="QuantizerRegistry"/>: supporting an op means adding one class, as in ONNX Runtime's quantizer registry.
/// </summary>
public abstract class OpQuantizer : Lighten.Core.Ops.IOpHandler
{
    /// <summary>The op types (of <see cref="Domain"/>) handled.</summary>
    public abstract IReadOnlyList<string> OpTypes { get; }

    /// <summary>The op domain; empty for ONNX's default domain.</summary>
    public virtual string Domain => "";

    /// <summary>How the op is quantized.</summary>
    public abstract QuantKind Kind { get; }

    /// <summary>The oldest opset whose version of the op has an integer form in ONNX Runtime.</summary>
    public virtual long MinOpset => 10;

    /// <summary>Whether ONNX Runtime fuses the op with quantized inputs but a float output (QGemm, MatMulIntegerToFloat).</summary>
    public virtual bool FloatOutputAllowed => false;

    /// <summary>
    /// Whether the op is written on the quantized bytes themselves (between the Q of its input and the DQ of its output) rather
    /// than in QDQ form: for pass-through ops the runtime has 8-bit kernels for but no QDQ fusion rule.
    /// </summary>
    public virtual bool RunsOnIntegers => false;

    /// <summary>The inputs that carry activations to quantize.</summary>
    public virtual IEnumerable<int> ActivationInputs(Node node) => [0];

    /// <summary>The outputs that carry activations (all by default; MaxPool's indices are not).</summary>
    public virtual IEnumerable<int> ActivationOutputs(Node node) => [0];

    /// <summary>Where the weights are, for <see cref="QuantKind.Compute"/> ops.</summary>
    public virtual WeightLayout? Weights(Node node, Graph graph) => null;

    /// <summary>Why this node cannot be quantized (its attributes or its weights), or null when it can.</summary>
    public virtual string? Refusal(Node node, Graph graph) => null;

    /// <summary>Why a weight or bias input is unusable (not a float initializer), or null when it is usable.</summary>
    protected static string? NotConstant(Node node, Graph graph, int input, string what)
    {
        if (!node.HasInput(input)) return null;
        if (!graph.Initializers.TryGetValue(node.Inputs[input], out var t)) return $"its {what} '{node.Inputs[input]}' is not a constant initializer";
        return t.ElementType == ElementType.Float ? null : $"its {what} '{node.Inputs[input]}' is {t.ElementType}, not float32";
    }
}
