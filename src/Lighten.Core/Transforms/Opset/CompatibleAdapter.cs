namespace Lighten.Core.Transforms.Opset;

/// <summary>
/// Ops whose every schema version from opset 7 to 13 computes the same for a model that was valid at the older
/// version (new versions only added types, optional attributes with the old behaviour as default, or negative
/// axes): they are kept as they are. Ops with subgraphs (If, Loop, Scan) are not listed, since the nodes inside
/// would need upgrading too; nor is OneHot, whose negative indices changed meaning in opset 11.
/// </summary>
internal sealed class CompatibleAdapter : OpsetAdapter
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
    [
        // Elementwise math and activations.
        "Abs", "Acos", "Acosh", "Add", "And", "Asin", "Asinh", "Atan", "Atanh", "BitShift", "Ceil", "Celu", "Cos",
        "Cosh", "Div", "Elu", "Equal", "Erf", "Exp", "Floor", "Greater", "GreaterOrEqual", "HardSigmoid", "IsInf",
        "IsNaN", "LeakyRelu", "Less", "LessOrEqual", "Log", "Max", "Mean", "Min", "Mod", "Mul", "Neg", "Not", "Or",
        "Pow", "PRelu", "Reciprocal", "Relu", "Round", "Selu", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Softplus",
        "Softsign", "Sqrt", "Sub", "Sum", "Tan", "Tanh", "ThresholdedRelu", "Where", "Xor",
        // Convolution, pooling, normalization, linear algebra.
        "AveragePool", "Conv", "ConvInteger", "ConvTranspose", "Einsum", "Gemm", "GlobalAveragePool", "GlobalLpPool",
        "GlobalMaxPool", "InstanceNormalization", "LpPool", "LRN", "MatMul", "MatMulInteger", "MaxPool", "MaxRoiPool",
        "MaxUnpool", "MeanVarianceNormalization", "QLinearConv", "QLinearMatMul", "QuantizeLinear", "DequantizeLinear",
        "GRU", "LSTM", "RNN",
        // Reductions whose axes stay an attribute until opset 18.
        "ArgMax", "ArgMin", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean",
        "ReduceMin", "ReduceProd", "ReduceSumSquare",
        // Shape and data movement.
        "Cast", "Compress", "Concat", "Constant", "ConstantOfShape", "CumSum", "DepthToSpace", "Expand", "EyeLike",
        "Flatten", "Gather", "GatherElements", "GatherND", "Identity", "NonZero", "Range", "Reshape",
        "ReverseSequence", "ScatterElements", "ScatterND", "Shape", "Size", "SpaceToDepth", "Tile", "Transpose",
        "Unique", "NonMaxSuppression", "RoiAlign",
    ];

    /// <inheritdoc/>
    public override string? Rewrite(Node node, UpgradeContext ctx) => null;
}
