using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;

namespace Lighten.Pipeline.Stages;

/// <summary>One row of the report and one entry of the journal: a stage, its decision and reason, and the figures of its artifact.</summary>
public sealed record StageRecord
{
    /// <summary>Short id: baseline, G1 … G5.</summary>
    public required string Id { get; init; }

    /// <summary>What the step does.</summary>
    public required string Title { get; init; }

    /// <summary>Kept, rejected, skipped or failed.</summary>
    public required StageDecision Decision { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>The artifact, relative to the output folder (null when skipped or failed).</summary>
    public string? Artifact { get; init; }

    /// <summary>SHA-256 of the artifact (hex), checked on resume.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The artifact's figures (null when skipped or failed).</summary>
    public StageFigures? Figures { get; init; }

    /// <summary>What the step changed.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The requirements judged on this stage's artifact.</summary>
    public IReadOnlyList<RequirementResult> Requirements { get; init; } = [];

    /// <summary>True on the stage after which every requirement first held (a run with stop_when_met stops there).</summary>
    public bool RequirementsFirstMet { get; init; }

    /// <summary>Where the stage's per-layer INT8 timings came from (measured now, cached, estimated), or null when it timed none.</summary>
    public LayerTimingSources? LayerTimings { get; init; }

    /// <summary>The latency figure the keep decision compared (null for the baseline, a stage not judged on latency, or an older journal).</summary>
    public DecisionLatency? DecisionLatency { get; init; }

    /// <summary>Wall time of the stage, seconds (training, conversion and measurement).</summary>
    public double Seconds { get; init; }

    /// <summary>Whether the stage was applied and measured (kept or rejected).</summary>
    public bool Applied => Decision is StageDecision.Kept or StageDecision.Rejected;
}
