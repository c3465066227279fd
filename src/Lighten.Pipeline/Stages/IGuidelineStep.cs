namespace Lighten.Pipeline.Stages;

/// <summary>
/// One step of the guideline (G1 … G5), registered in <see cref="StepRegistry"/>: whether it can run here, and running
/// it on the current model to write a new ONNX artifact. Measuring, judging and keeping are the runner's.
/// </summary>
public interface IGuidelineStep
{
    /// <summary>The guideline's id: G1 … G5.</summary>
    string Id { get; }

    /// <summary>What it does, for the report.</summary>
    string Title { get; }

    /// <summary>Why the step cannot or must not run on the current model and target, or null when it may.</summary>
    string? SkipReason(StageContext context);

    /// <summary>Runs the step on <see cref="StageContext.CurrentPath"/> and writes the result to <paramref name="artifact"/>.</summary>
    StepProduct Run(StageContext context, string artifact, CancellationToken cancellationToken);
}
