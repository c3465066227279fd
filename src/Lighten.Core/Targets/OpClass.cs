namespace Lighten.Core.Targets;

/// <summary>
/// How a layer uses the hardware, for the roofline of <see cref="LatencyEstimator"/>: each class has its own
/// efficiency factor in a <see cref="TargetProfile"/>.
/// </summary>
public enum OpClass
{
    /// <summary>A k×k convolution (k &gt; 1), dense or grouped but not depthwise.</summary>
    Conv,
    /// <summary>A depthwise convolution (one group per input channel).</summary>
    DepthwiseConv,
    /// <summary>A 1×1 convolution.</summary>
    PointwiseConv,
    /// <summary>A transposed convolution (deconvolution).</summary>
    ConvTranspose,
    /// <summary>Gemm and MatMul (fully connected layers).</summary>
    Gemm,
    /// <summary>Elementwise arithmetic, activations and normalizations that are not fused into a producer.</summary>
    Elementwise,
    /// <summary>Pooling and reductions.</summary>
    Pooling,
    /// <summary>Ops that copy data without arithmetic: Concat, Split, Slice, Transpose, Pad, Resize, Gather.</summary>
    DataMovement,
    /// <summary>Any other op that costs time.</summary>
    Other,
}
