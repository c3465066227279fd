namespace Lighten.Runtime.Calibration;

/// <summary>
/// The accuracy the quantized model must keep: its task metric may fall at most <see cref="MaxDrop"/> points below the
/// FP32 model's. <see cref="Evaluate"/> scores a model file (for example with <see cref="Evaluator"/> on a validation set).
/// </summary>
/// <param name="MaxDrop">The largest drop accepted, in points of the metric (percent: 1 = one point of top-1).</param>
/// <param name="Evaluate">Scores the model at a path; the primary metric, a fraction in 0..1.</param>
public sealed record AccuracyTarget(double MaxDrop, Func<string, Metric> Evaluate);

/// <summary>What the accuracy-aware fallback found.</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Fp32">The FP32 model's score (fraction).</param>
/// <param name="Int8">The final quantized model's score (fraction).</param>
/// <param name="MaxDrop">The drop accepted, in points.</param>
/// <param name="Evaluations">Quantized models scored.</param>
/// <param name="KeptFp32">The layers kept FP32 to meet the target, most sensitive first.</param>
public sealed record AccuracyOutcome(string Metric, double Fp32, double Int8, double MaxDrop, int Evaluations, IReadOnlyList<string> KeptFp32)
{
    /// <summary>The drop in points.</summary>
    public double Drop => (Fp32 - Int8) * 100;

    /// <summary>Whether the drop is within the target.</summary>
    public bool Met => Drop <= MaxDrop + 1e-9;
}
