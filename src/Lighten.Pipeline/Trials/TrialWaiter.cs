using System.Diagnostics;

namespace Lighten.Pipeline.Trials;

/// <summary>
/// Polls any executor until every trial has ended, the <see cref="DoneMarker"/> being the truth: a trial whose marker
/// is valid succeeded whatever its engine says, and a <see cref="TrialStatus.Finished"/> or <see cref="TrialStatus.Unknown"/>
/// engine state without a valid marker is a failure.
/// </summary>
public sealed class TrialWaiter(ITrialExecutor executor, TimeSpan pollInterval)
{
    /// <summary>A waiter polling every half second.</summary>
    public TrialWaiter(ITrialExecutor executor) : this(executor, TimeSpan.FromMilliseconds(500)) { }

    /// <summary>
    /// Waits for <paramref name="handles"/> (trials of <paramref name="specs"/>); <paramref name="changed"/> hears every
    /// state each time one changes. On cancellation the trials still running are cancelled through the executor.
    /// </summary>
    /// <returns>One outcome per handle, by index.</returns>
    public IReadOnlyDictionary<int, TrialOutcome> Wait(TrialSpecFile specs, IReadOnlyList<TrialHandle> handles,
        Action<IReadOnlyList<TrialState>>? changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(handles);
        var open = handles.ToDictionary(h => h.Index);
        var outcomes = new Dictionary<int, TrialOutcome>();
        var seen = new Dictionary<int, TrialState>();
        while (open.Count > 0)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                executor.Cancel([.. open.Values]);
                cancellationToken.ThrowIfCancellationRequested();
            }
            bool moved = false;
            foreach (var state in executor.Poll([.. open.Values]))
            {
                int index = state.Handle.Index;
                if (!seen.TryGetValue(index, out var before) || before != state) moved = true;
                seen[index] = state;
                if (state.Status is TrialStatus.Pending or TrialStatus.Running)
                {
                    open[index] = state.Handle;
                    continue;
                }
                open.Remove(index);
                outcomes[index] = Judge(specs.At(index), state);
            }
            if (moved) changed?.Invoke([.. seen.Values.OrderBy(s => s.Handle.Index)]);
            if (open.Count > 0) cancellationToken.WaitHandle.WaitOne(pollInterval);
        }
        return outcomes;
    }

    /// <summary>The outcome of a trial whose engine says it ended with <paramref name="state"/>.</summary>
    public static TrialOutcome Judge(TrialSpec spec, TrialState state)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(state);
        Debug.Assert(state.Status is not (TrialStatus.Pending or TrialStatus.Running));
        if (DoneMarker.ValidResult(spec.OutputDirectory) is { } result) return new TrialOutcome(spec, result, null, state.Handle.EngineJobId);
        string why = state.Status == TrialStatus.Failed
            ? state.Reason ?? "failed"
            : $"ended ({state.Status.ToString().ToLowerInvariant()} to its engine) without a valid done marker" + (state.Reason is { } r ? $": {r}" : "");
        return new TrialOutcome(spec, null, Failure(why, spec.OutputDirectory), state.Handle.EngineJobId);
    }

    /// <summary>A failure's text: the reason, then the last lines of the trial's log.</summary>
    public static string Failure(string reason, string directory)
    {
        var tail = TrialLog.Tail(directory);
        return tail.Count == 0 ? reason : $"{reason}; last lines of {TrialLog.FileName}: " + string.Join(" | ", tail);
    }
}
