namespace Lighten.Core.Transforms.Quantize;

/// <summary>How an op takes part in a QDQ graph, following ONNX Runtime's QDQ node-group rules.</summary>
public enum QuantKind
{
    /// <summary>An op with weights (Conv, ConvTranspose, Gemm, MatMul): int8 weights, int32 bias, quantized input and output.</summary>
    Compute,

    /// <summary>An elementwise op of two activations (Add, Mul), run as QLinearAdd / QLinearMul.</summary>
    Binary,

    /// <summary>Concat: the inputs and the output share one scale, so concatenation copies bytes.</summary>
    Concat,

    /// <summary>An op that moves or selects values without changing them (MaxPool, Reshape, Transpose, Resize...): its output shares its input's scale, so ONNX Runtime drops the Q/DQ pair around it.</summary>
    PassThrough,

    /// <summary>An op of one activation with its own output scale (AveragePool, GlobalAveragePool, Sigmoid, Softmax, LeakyRelu).</summary>
    Unary,
}
