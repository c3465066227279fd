using Lighten.Core;

namespace Lighten.Pipeline.Trials;

/// <summary>Every trial of a step failed: the step fails, naming each trial's reason and the last lines of its log.</summary>
public sealed class TrialsFailedException(string step, IReadOnlyList<TrialOutcome> failed)
    : LightenException($"every trial of {step} failed: " + string.Join("; ", failed.Select(f => $"{f.Spec.Label}: {f.Failure}")))
{
    /// <inheritdoc/>
    public override bool IsBadInput => false;
}
