using System.Text.Json;
using Lighten.Core.IO;
using Lighten.Pipeline.Journal;
using Lighten.Pipeline.Measure;
using Lighten.Runtime;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// What a trial produced (<c>result.json</c> in its folder): its artifact, the metric measured on it in ONNX Runtime,
/// MACs and parameters — never latency, which the submitting process measures afterwards, one trial after another.
/// </summary>
public sealed record TrialResult
{
    /// <summary>The file's name in the trial's folder.</summary>
    public const string FileName = "result.json";

    /// <summary>The trial's id.</summary>
    public required string Id { get; init; }

    /// <summary>The trial's index.</summary>
    public required int Index { get; init; }

    /// <summary>The trial's label.</summary>
    public required string Label { get; init; }

    /// <summary>The artifact's file name in the trial's folder; null when the trial wrote none (<see cref="NotAppliedReason"/>).</summary>
    public string? Artifact { get; init; }

    /// <summary>Why no artifact was written (a backbone the target cannot run, nothing to prune); null when one was.</summary>
    public string? NotAppliedReason { get; init; }

    /// <summary>The artifact written but failing the step's own bound (a re-quantization beyond G3's drop); null otherwise.</summary>
    public string? RejectReason { get; init; }

    /// <summary>What the trial did, one line each.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The metric of the artifact in ONNX Runtime on the validation data; null without data.</summary>
    public Metric? Metric { get; init; }

    /// <summary>Multiply-accumulates per image of the artifact.</summary>
    public long Macs { get; init; }

    /// <summary>Weight elements of the artifact.</summary>
    public long Parameters { get; init; }

    /// <summary>The fine-tuning's one-line summary; null when not trained.</summary>
    public string? Training { get; init; }

    /// <summary>Where a re-quantization's per-layer INT8 timings came from; null when it timed none.</summary>
    public LayerTimingSources? LayerTimings { get; init; }

    /// <summary>Seconds the trial took inside the process that ran it (from reading its spec to writing this result), so that a run's journal shows what N slots would give.</summary>
    public double Seconds { get; init; }

    /// <summary>Whether an artifact was written.</summary>
    public bool Written => Artifact is not null;

    /// <summary>Reads the result in <paramref name="directory"/>.</summary>
    public static TrialResult Load(string directory) =>
        JsonSerializer.Deserialize<TrialResult>(File.ReadAllText(Path.Combine(directory, FileName)), RunJournal.Json)
        ?? throw new Core.LightenException("the trial result is empty", Path.Combine(directory, FileName));

    /// <summary>Writes the result into <paramref name="directory"/> atomically.</summary>
    public void Save(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, RunJournal.Json));
}
