namespace Lighten.Runtime.Calibration;

/// <summary>One compute layer in the quantization report.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Int8">Whether it runs in INT8 in the written model.</param>
/// <param name="Reason">Why it stays FP32 (null when INT8).</param>
/// <param name="Timing">Its FP32 and INT8 latency on this host, when measured.</param>
/// <param name="SqnrDb">Its output's SQNR when only it is quantized, when measured.</param>
public sealed record LayerReport(string Node, string OpType, bool Int8, string? Reason, LayerTiming? Timing, double? SqnrDb);
