namespace Lighten.Runtime;

/// <summary>A named figure of an evaluation, such as <c>top1</c> or <c>PCKh@0.5</c>; fractions lie in 0..1.</summary>
public sealed record Metric(string Name, double Value);

/// <summary>What <see cref="Evaluator"/> measured.</summary>
/// <param name="Model">The model file.</param>
/// <param name="Task">The task: <c>classify</c> or <c>pose</c>.</param>
/// <param name="Primary">The task's headline metric (top-1 accuracy, PCKh@0.5 or PCK@0.2).</param>
/// <param name="Metrics">Every metric computed, the primary one first.</param>
/// <param name="PerJoint">For pose, the primary metric of each joint in the dataset's joint order; empty otherwise.</param>
/// <param name="Samples">Samples evaluated (images for classification, annotated people for pose).</param>
/// <param name="Skipped">Samples left out because their image could not be read.</param>
/// <param name="Elapsed">Wall time of streaming the dataset (decoding, preprocessing, inference, decoding outputs).</param>
public sealed record EvaluationResult(string Model, string Task, Metric Primary, IReadOnlyList<Metric> Metrics,
    IReadOnlyList<Metric> PerJoint, int Samples, int Skipped, TimeSpan Elapsed)
{
    /// <summary>Samples per second over <see cref="Elapsed"/>.</summary>
    public double SamplesPerSecond => Elapsed > TimeSpan.Zero ? Samples / Elapsed.TotalSeconds : 0;
}
