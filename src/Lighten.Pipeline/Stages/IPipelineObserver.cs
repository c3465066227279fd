using Lighten.Training.Trainer;

namespace Lighten.Pipeline.Stages;

/// <summary>Where a run reports its progress (the console, a log, or nothing).</summary>
public interface IPipelineObserver
{
    /// <summary>A stage starts.</summary>
    void StageStarted(string id, string title);

    /// <summary>A line of status inside a stage.</summary>
    void Status(string text);

    /// <summary>Progress of a long step that is not training (calibration, evaluation, layer timing).</summary>
    void Progress(string task, int done, int total);

    /// <summary>Training progress, or null to ignore it.</summary>
    IProgress<TrainingProgress>? Training { get; }

    /// <summary>A stage ended (also called for stages restored from the journal).</summary>
    void StageFinished(StageRecord record, bool restored);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class SilentObserver : IPipelineObserver
{
    /// <inheritdoc/>
    public IProgress<TrainingProgress>? Training => null;

    /// <inheritdoc/>
    public void StageStarted(string id, string title) { }

    /// <inheritdoc/>
    public void Status(string text) { }

    /// <inheritdoc/>
    public void Progress(string task, int done, int total) { }

    /// <inheritdoc/>
    public void StageFinished(StageRecord record, bool restored) { }
}
