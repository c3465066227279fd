namespace Lighten.Runtime.Precision;

/// <summary>Whether to ship the FP16 model, and why.</summary>
/// <param name="Convert">Whether FP16 should be used.</param>
/// <param name="Reason">The reason, for the report ("FP16 1.42x faster on this host", "target lacks FP16 Conv"...).</param>
/// <param name="Fp32Ms">The FP32 model's median latency on this host, when measured.</param>
/// <param name="Fp16Ms">The FP16 model's median latency on this host, when measured.</param>
public sealed record Fp16Decision(bool Convert, string Reason, double? Fp32Ms = null, double? Fp16Ms = null)
{
    /// <summary>FP32 latency over FP16 latency, when measured.</summary>
    public double? Speedup => Fp32Ms is double a && Fp16Ms is double b && b > 0 ? a / b : null;
}
