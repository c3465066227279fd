using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Backbone;

/// <summary>The phases of one candidate in <see cref="BackboneSearch.Run"/>.</summary>
public enum SearchPhase
{
    /// <summary>Grafting the backbone and checking the target.</summary>
    Grafting,

    /// <summary>Not tried; the message says why.</summary>
    Skipped,

    /// <summary>Fine-tuning (the progress carries the trainer's).</summary>
    Training,

    /// <summary>Measuring latency and the validation metric in ONNX Runtime.</summary>
    Measuring,

    /// <summary>Finished; the message gives its figures.</summary>
    Done,
}

/// <summary>What <see cref="BackboneSearch.Run"/> is doing: a phase of one candidate, with the trainer's progress while fine-tuning.</summary>
/// <param name="Candidate">The candidate (or <see cref="BackboneSearch.Baseline"/>).</param>
/// <param name="Phase">The phase.</param>
/// <param name="Message">A line for a log (a skip reason, a figure).</param>
/// <param name="Training">The trainer's progress during <see cref="SearchPhase.Training"/>; null otherwise.</param>
public sealed record BackboneSearchProgress(string Candidate, SearchPhase Phase, string Message, TrainingProgress? Training = null);
