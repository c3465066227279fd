using System.Collections.Immutable;
using Lighten.Runtime;
using Lighten.Pipeline.Tuning;

namespace Lighten.Pipeline.Backbone;

/// <summary>What happened to one backbone candidate (or to the original model, the baseline) in <see cref="BackboneSearch.Run"/>.</summary>
/// <param name="Candidate">The zoo backbone's name, or <see cref="BackboneSearch.Baseline"/> for the original model.</param>
/// <param name="Skipped">Why the candidate was not tried (the target cannot run one of its ops, the weights or shapes do not fit), options as <see cref="Lighten.Core.OptionKey"/> placeholders for the front end to spell; null when it was.</param>
/// <param name="Details">What the graft did (cut, adapters, re-shaped layers, loaded weights), one line each.</param>
/// <param name="Macs">Multiply-accumulates per image (0 when skipped).</param>
/// <param name="Parameters">Weight elements (0 when skipped).</param>
/// <param name="LatencyMs">Median batch-1 latency in ONNX Runtime on this machine; null when skipped.</param>
/// <param name="InitMs">Session initialization time in ONNX Runtime; null when skipped.</param>
/// <param name="Metric">The validation metric of the written file in ONNX Runtime (after fine-tuning); null without data.</param>
/// <param name="Tuning">The fine-tuning run; null when not trained.</param>
/// <param name="Path">The ONNX file written for the candidate; null when skipped (and for the baseline).</param>
public sealed record CandidateOutcome(
    string Candidate,
    string? Skipped,
    ImmutableArray<string> Details,
    long Macs,
    long Parameters,
    double? LatencyMs,
    double? InitMs,
    Metric? Metric,
    TuningOutcome? Tuning,
    string? Path)
{
    /// <summary>Whether the candidate was grafted and measured.</summary>
    public bool WasTried => Skipped is null;

    /// <summary>An outcome for a candidate not tried.</summary>
    public static CandidateOutcome Skip(string candidate, string reason) => new(candidate, reason, [], 0, 0, null, null, null, null, null);
}
