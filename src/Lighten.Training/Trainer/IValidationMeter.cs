namespace Lighten.Training.Trainer;

/// <summary>Accumulates a task's validation metric from model outputs, one validation sample at a time (not thread-safe).</summary>
internal interface IValidationMeter
{
    /// <summary>Scores the output of validation sample <paramref name="index"/> (its floats, without the batch dimension).</summary>
    void Add(int index, ReadOnlySpan<float> output);

    /// <summary>The metric over the samples added, higher is better.</summary>
    double Value { get; }
}
