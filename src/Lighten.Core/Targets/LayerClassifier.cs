using Lighten.Core.Ops;

namespace Lighten.Core.Targets;

/// <summary>
/// Sorts the nodes of a shaped graph for the roofline: the <see cref="OpClass"/> of a node that costs time, or
/// null for one a runtime does not execute as a layer (a view such as Reshape, shape arithmetic on integers,
/// constants, quantize/dequantize pairs that quantized kernels absorb).
/// </summary>
internal static class LayerClassifier
{
    private static readonly HashSet<string> Views =
    [
        "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout", "Constant", "ConstantOfShape", "Shape",
        "Range", "QuantizeLinear", "DequantizeLinear",
    ];

    private static readonly HashSet<string> Moves =
        ["Concat", "Split", "Slice", "Transpose", "Pad", "Resize", "Upsample", "Gather", "Tile", "Expand"];

    private static readonly HashSet<string> Pools =
    [
        "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool",
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    ];

    private static readonly HashSet<string> Elementwise =
    [
        "Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Sum", "Mean", "Clip", "PRelu", "BatchNormalization",
        "Softmax", "LogSoftmax", "Hardmax", "Where", "Cast",
        "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Softplus", "Softsign",
        "Sqrt", "Exp", "Log", "Neg", "Abs", "Erf", "Reciprocal", "Floor", "Ceil", "Round", "Sign",
    ];

    /// <summary>The class of <paramref name="node"/>, or null when it is not executed as a layer.</summary>
    public static OpClass? Classify(Node node, Graph graph)
    {
        if (Views.Contains(node.OpType) || !ProducesFloats(node, graph) || ReadsOnlyConstants(node, graph)) return null;
        return node.OpType switch
        {
            "Conv" => ConvClass(node, graph),
            "ConvTranspose" => OpClass.ConvTranspose,
            "Gemm" or "MatMul" => OpClass.Gemm,
            _ when Pools.Contains(node.OpType) => OpClass.Pooling,
            _ when Moves.Contains(node.OpType) => OpClass.DataMovement,
            _ when Elementwise.Contains(node.OpType) => OpClass.Elementwise,
            _ => OpClass.Other,
        };
    }

    /// <summary>
    /// Operations the layer performs: 2 per multiply-accumulate for the classes that have MACs
    /// (<see cref="OpFamily.CountMacs"/>), one per window element for pooling, one per output element otherwise,
    /// none for data movement; 0 where shapes are unknown.
    /// </summary>
    public static double Operations(Node node, Graph graph, OpClass opClass)
    {
        var cost = new CostContext(node, graph);
        return opClass switch
        {
            OpClass.Conv or OpClass.DepthwiseConv or OpClass.PointwiseConv or OpClass.ConvTranspose or OpClass.Gemm =>
                2.0 * (OpRegistry.Find(node)?.CountMacs(cost) ?? 0),
            OpClass.Pooling => PoolOperations(node, cost),
            OpClass.DataMovement => 0,
            _ => Elements(cost.OutputDims(0)),
        };
    }

    /// <summary>
    /// The reduction depth of a convolution or GEMM layer: input channels per group × kernel area for Conv, input
    /// channels per group for ConvTranspose, the inner dimension for Gemm and MatMul; 0 for other classes or unknown shapes.
    /// </summary>
    public static double ReductionDepth(Node node, Graph graph, OpClass opClass)
    {
        var cost = new CostContext(node, graph);
        return opClass switch
        {
            OpClass.Conv or OpClass.PointwiseConv when cost.InputDims(1) is { Length: >= 2 } w => Elements(w[1..]),
            OpClass.ConvTranspose when cost.InputDims(1) is { Length: >= 2 } w => (double)w[0] / node.GetInt("group", 1),
            OpClass.Gemm when cost.InputDims(0) is { Length: >= 1 } a => node.OpType == "Gemm" && node.GetInt("transA", 0) != 0 ? a[0] : a[^1],
            _ => 0,
        };
    }

    private static OpClass ConvClass(Node node, Graph graph)
    {
        var w = graph.FindValue(node.Inputs[1])?.Shape;
        long group = node.GetInt("group", 1);
        if (group > 1 && w is { Rank: >= 2 } && w[1].Value == 1) return OpClass.DepthwiseConv;
        var kernel = node.GetInts("kernel_shape") ?? (w is { IsFullyKnown: true } ? w.ToArray()[2..] : null);
        return group == 1 && kernel is not null && kernel.All(k => k == 1) ? OpClass.PointwiseConv : OpClass.Conv;
    }

    private static double PoolOperations(Node node, CostContext cost) => node.GetInts("kernel_shape") is { } kernel
        ? Elements(cost.OutputDims(0)) * kernel.Aggregate(1L, (a, k) => a * k)
        : Elements(cost.InputDims(0));

    private static double Elements(long[]? dims) => dims is null ? 0 : dims.Aggregate(1.0, (a, d) => a * d);

    private static bool ProducesFloats(Node node, Graph graph)
    {
        if (node.Outputs.Length == 0) return false;
        var type = graph.FindValue(node.Outputs[0])?.ElementType ?? ElementType.Undefined;
        return type == ElementType.Undefined || type.IsFloat();
    }

    private static bool ReadsOnlyConstants(Node node, Graph graph) =>
        node.Inputs.Where(i => i.Length > 0).All(i => graph.Initializers.ContainsKey(i));
}
