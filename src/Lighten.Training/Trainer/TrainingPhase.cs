namespace Lighten.Training.Trainer;

/// <summary>What a <see cref="TrainingProgress"/> report is about.</summary>
public enum TrainingPhase
{
    /// <summary>An optimizer step finished.</summary>
    Training,

    /// <summary>A validation batch finished.</summary>
    Validating,

    /// <summary>An epoch finished: <see cref="TrainingProgress.Summary"/> holds its figures.</summary>
    EpochEnd,
}
