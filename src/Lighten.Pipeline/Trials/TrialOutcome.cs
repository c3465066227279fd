namespace Lighten.Pipeline.Trials;

/// <summary>How one trial ended: its valid result, or why it failed with the last lines of its log.</summary>
/// <param name="Spec">The trial.</param>
/// <param name="Result">Its result when its done marker is valid; null when it failed.</param>
/// <param name="Failure">Why it failed (the engine's reason and the last lines of <c>trial.log</c>); null when it succeeded.</param>
/// <param name="EngineJobId">The engine's job id that ran it last ("" when a valid marker made a run unnecessary).</param>
public sealed record TrialOutcome(TrialSpec Spec, TrialResult? Result, string? Failure, string EngineJobId)
{
    /// <summary>Whether the trial succeeded (its marker is valid).</summary>
    public bool Succeeded => Result is not null;

    /// <summary>The artifact's absolute path, or null when there is none.</summary>
    public string? ArtifactPath => Result?.Artifact is { } a ? Path.Combine(Spec.OutputDirectory, a) : null;
}
