using Lighten.Pipeline.Config;
using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Reports;

/// <summary>Per-layer MACs of one model, for the report's baseline-against-final chart.</summary>
/// <param name="Name">The node.</param>
/// <param name="OpType">Its op.</param>
/// <param name="Macs">Its multiply-accumulates.</param>
public sealed record LayerMacs(string Name, string OpType, long Macs);

/// <summary>The outcome of a pipeline run: every stage with its figures and decision, and the requirements judged on the final model.</summary>
public sealed record PipelineReport
{
    /// <summary>The model's name.</summary>
    public required string Model { get; init; }

    /// <summary>pose or classify.</summary>
    public required string Task { get; init; }

    /// <summary>The target profile's name.</summary>
    public required string Target { get; init; }

    /// <summary>The requirements asked for.</summary>
    public required Requirements Requirements { get; init; }

    /// <summary>Whether the run stopped as soon as the requirements held.</summary>
    public required bool StopWhenMet { get; init; }

    /// <summary>Every stage, in order.</summary>
    public required IReadOnlyList<StageRecord> Stages { get; init; }

    /// <summary>The stage whose artifact is the final model.</summary>
    public required string FinalStage { get; init; }

    /// <summary>The final model, relative to the output folder.</summary>
    public required string FinalModel { get; init; }

    /// <summary>The requirements judged on the final model.</summary>
    public required IReadOnlyList<RequirementResult> FinalRequirements { get; init; }

    /// <summary>The stage after which every requirement first held (null: never).</summary>
    public string? RequirementsMetAfter { get; init; }

    /// <summary>What started the run when not a pipeline file of the user's: the demo's preset and its budget (null otherwise).</summary>
    public string? RunBy { get; init; }

    /// <summary>Reference scores that show what the accuracy column means (the demo's guards), judged against the baseline.</summary>
    public IReadOnlyList<AccuracyGuard> Guards { get; init; } = [];

    /// <summary>Per-layer MACs of the baseline.</summary>
    public IReadOnlyList<LayerMacs> BaselineLayers { get; init; } = [];

    /// <summary>Per-layer MACs of the final model.</summary>
    public IReadOnlyList<LayerMacs> FinalLayers { get; init; } = [];

    /// <summary>Whether every requirement holds on the final model.</summary>
    public bool RequirementsMet => FinalRequirements.All(r => r.Met);

    /// <summary>The baseline's metric as a fraction (its figures hold percent), as <see cref="AccuracyGuard"/> reads it; null when unmeasured.</summary>
    public double? BaselineScore => Baseline.Figures?.Accuracy / 100;

    /// <summary>The baseline's record.</summary>
    public StageRecord Baseline => Stages[0];

    /// <summary>The final model's record.</summary>
    public StageRecord Final => Stages.Last(s => s.Id == FinalStage && s.Decision == StageDecision.Kept);
}
