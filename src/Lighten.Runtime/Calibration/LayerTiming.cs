namespace Lighten.Runtime.Calibration;

/// <summary>
/// The latency of one layer in FP32 and in INT8 (inside a quantized chain): its median alone in ONNX Runtime on this host
/// (<see cref="LayerBenchmark"/>), or a target profile's estimate (<see cref="LayerEstimates"/>).
/// </summary>
/// <param name="Fp32Ms">The layer kept FP32 between INT8 neighbors: 8-bit input, DQ, FP32 layer, Q, 8-bit output (for a depthwise layer, the 1×1 → layer → 1×1 chain around it).</param>
/// <param name="Int8Ms">The QDQ layer with 8-bit input and output, as ONNX Runtime fuses and runs it (for a depthwise layer, the all-INT8 chain).</param>
public sealed record LayerTiming(double Fp32Ms, double Int8Ms)
{
    /// <summary>How many times faster INT8 runs (above 1: faster).</summary>
    public double Speedup => Int8Ms > 0 ? Fp32Ms / Int8Ms : double.PositiveInfinity;

    /// <summary>Whether INT8 is faster.</summary>
    public bool Int8Faster => Int8Ms < Fp32Ms;
}
