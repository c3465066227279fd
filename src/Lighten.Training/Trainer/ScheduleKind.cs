namespace Lighten.Training.Trainer;

/// <summary>How the learning rate moves over a run, after the linear warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>Half a cosine from the base rate down to zero at the last step.</summary>
    Cosine,

    /// <summary>The base rate multiplied by a factor every fixed number of epochs.</summary>
    Step,
}
