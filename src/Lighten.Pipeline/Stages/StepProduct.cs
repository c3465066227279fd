using Lighten.Runtime;

namespace Lighten.Pipeline.Stages;

/// <summary>What a step hands back: the artifact it wrote (or why it wrote none) and what it changed.</summary>
/// <param name="Written">Whether the artifact was written.</param>
/// <param name="Details">What the step changed, one line each.</param>
/// <param name="Accuracy">The metric already measured on the written artifact (by a fine-tune), so it is not measured twice.</param>
/// <param name="NotAppliedReason">Why nothing was written.</param>
/// <param name="RejectReason">The artifact was written but fails the step's own bound (e.g. G3's max drop): measured, shown, not kept.</param>
public sealed record StepProduct(bool Written, IReadOnlyList<string> Details, Metric? Accuracy = null, string? NotAppliedReason = null, string? RejectReason = null)
{
    /// <summary>Where the step's per-layer INT8 timings came from (G3, and G5 when it re-quantizes), or null when it timed none.</summary>
    public Lighten.Pipeline.Measure.LayerTimingSources? LayerTimings { get; init; }

    /// <summary>The step decided not to apply (e.g. FP16 measured slower): recorded as skipped with <paramref name="reason"/>.</summary>
    public static StepProduct NotApplied(string reason, IReadOnlyList<string>? details = null) => new(false, details ?? [], null, reason);
}
