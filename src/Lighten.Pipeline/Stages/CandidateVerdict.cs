using Lighten.Pipeline.Judging;
using Lighten.Pipeline.Measure;

namespace Lighten.Pipeline.Stages;

/// <summary>A candidate artifact of a step measured and judged as the runner judges a step, before the step picks one.</summary>
/// <param name="Figures">Its figures.</param>
/// <param name="Decision">What <see cref="StepJudge"/> would decide for it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Requirements">The requirements judged on it.</param>
public sealed record CandidateVerdict(StageFigures Figures, StageDecision Decision, string Reason, IReadOnlyList<RequirementResult> Requirements)
{
    /// <summary>Whether every requirement holds and the judge would keep it.</summary>
    public bool MeetsRequirements => Decision == StageDecision.Kept && RequirementCheck.AllMet(Requirements);
}
