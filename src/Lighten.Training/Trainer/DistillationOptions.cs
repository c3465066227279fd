using Lighten.Core;

namespace Lighten.Training.Trainer;

/// <summary>
/// Knowledge distillation from a teacher: the loss becomes <see cref="Alpha"/> x task loss + (1 - <see cref="Alpha"/>) x
/// distillation loss, where the distillation loss is the heatmap MSE to the teacher's heatmaps (pose) or the KL
/// divergence of the temperature-softened class distributions x T² (classification). The teacher runs in eval mode
/// without gradients and must give outputs of the student's shape.
/// </summary>
public sealed record DistillationOptions
{
    /// <summary>Creates the options for a teacher graph.</summary>
    public DistillationOptions(Graph teacher) => Teacher = teacher;

    /// <summary>The teacher model (same input as the student).</summary>
    public Graph Teacher { get; init; }

    /// <summary>Weight of the task loss, in [0, 1]; the distillation loss gets 1 - alpha.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Softening temperature of classification logits (above 0; 1 leaves them as they are).</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>Throws <see cref="OptionException"/> naming a value out of range.</summary>
    public void Validate()
    {
        if (!(Alpha >= 0 && Alpha <= 1)) throw new OptionException($"the distillation weight alpha must lie in [0, 1], got {Alpha}");
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new OptionException($"the distillation temperature must be positive, got {Temperature}");
    }
}
