using Lighten.Core.IO;
using Lighten.Pipeline.Stages;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// The default executor: runs each trial in this process, one after another, inside <see cref="Submit"/>, through the
/// same <see cref="TrialRunner.Run(string, int, CancellationToken, IPipelineObserver?)"/> a child process calls, so the
/// bytes are the same either way.
/// </summary>
/// <param name="observer">Hears the trials' status and training progress (null: nobody).</param>
public sealed class InProcessTrialExecutor(IPipelineObserver? observer = null) : ITrialExecutor
{
    private readonly Dictionary<string, TrialState> _states = new(StringComparer.Ordinal);
    private int _runs;

    /// <inheritdoc/>
    public string Kind => "inprocess";

    /// <inheritdoc/>
    public IReadOnlyList<TrialHandle> Submit(string specFile, IReadOnlyList<int> indexes, CancellationToken cancellationToken)
    {
        var specs = TrialSpecFile.Load(specFile);
        var handles = new List<TrialHandle>();
        foreach (int index in indexes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var handle = new TrialHandle(index, $"inprocess-{Environment.ProcessId}-{++_runs}");
            try
            {
                TrialRunner.Run(specFile, index, cancellationToken, observer);
                _states[handle.EngineJobId] = new TrialState(handle, TrialStatus.Finished);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var line = $"{e.GetType().Name}: {e.Message}";
                var directory = specs.At(index).OutputDirectory;
                Directory.CreateDirectory(directory);
                AtomicFile.WriteAllText(Path.Combine(directory, TrialLog.FileName), line + "\n");
                _states[handle.EngineJobId] = new TrialState(handle, TrialStatus.Failed, line);
            }
            handles.Add(handle);
        }
        return handles;
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialState> Poll(IReadOnlyList<TrialHandle> handles) =>
        [.. handles.Select(h => _states.TryGetValue(h.EngineJobId, out var state) ? state : new TrialState(h, TrialStatus.Unknown))];

    /// <inheritdoc/>
    /// <remarks>Nothing runs between calls: a trial in <see cref="Submit"/> stops through its cancellation token.</remarks>
    public void Cancel(IReadOnlyList<TrialHandle> handles) { }
}
