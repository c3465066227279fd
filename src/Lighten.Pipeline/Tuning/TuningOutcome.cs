using Lighten.Runtime;
using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Tuning;

/// <summary>A training or fine-tuning run and the validation metric of the ONNX file it wrote, measured in ONNX Runtime.</summary>
/// <param name="Training">What the trainer did (kept weights, epochs, stop reason).</param>
/// <param name="Evaluation">The metric of <paramref name="Path"/> on the validation set.</param>
/// <param name="TrainSeconds">Wall time of the training alone.</param>
/// <param name="Path">The written ONNX file.</param>
public sealed record TuningOutcome(TrainingResult Training, EvaluationResult Evaluation, double TrainSeconds, string Path);
