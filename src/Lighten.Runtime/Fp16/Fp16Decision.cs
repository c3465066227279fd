namespace Lighten.Runtime.Fp16;

/// <summary>Whether to ship the FP16 model, and why.</summary>
/// <param name="Convert">Whether FP16 should be used.</param>
/// <param name="Reason">The reason, for the report ("FP16 1.42x faster on this host", "target lacks FP16 Conv"...).</param>
/// <param name="Fp32Ms">The FP32 model's latency: the median on this host, or the target profile's estimate.</param>
/// <param name="Fp16Ms">The FP16 model's latency, measured or estimated as <paramref name="Fp32Ms"/>.</param>
/// <param name="Estimated">Whether the latencies are a profile's estimate rather than a measurement on this host.</param>
public sealed record Fp16Decision(bool Convert, string Reason, double? Fp32Ms = null, double? Fp16Ms = null, bool Estimated = false)
{
    /// <summary>FP32 latency over FP16 latency, when measured.</summary>
    public double? Speedup => Fp32Ms is double a && Fp16Ms is double b && b > 0 ? a / b : null;
}
