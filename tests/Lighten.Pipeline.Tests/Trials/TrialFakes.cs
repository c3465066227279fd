using Lighten.Core.Onnx;
using Lighten.Pipeline.Trials;
using Lighten.Runtime;

namespace Lighten.Pipeline.Tests.Trials;

/// <summary>
/// An executor whose trials finish at once inside <see cref="Submit"/>: a tweaked copy of the trial's model with a valid
/// done marker, or a failure with a log; a job id it did not start (from a journal) answers <see cref="Foreign"/>.
/// </summary>
public sealed class FakeTrialExecutor : ITrialExecutor
{
    private readonly Dictionary<string, TrialState> _states = new(StringComparer.Ordinal);

    public string Kind => "fake";

    /// <summary>The indexes submitted, in order.</summary>
    public List<int> Submitted { get; } = [];

    /// <summary>The job ids polled, in order.</summary>
    public List<string> Polled { get; } = [];

    /// <summary>Whether a submitted trial succeeds (else it exits 137 after logging "out of memory").</summary>
    public Func<TrialSpec, bool> Succeeds { get; init; } = _ => true;

    /// <summary>The engine's answer for a job id it did not start.</summary>
    public Func<TrialHandle, TrialStatus> Foreign { get; init; } = _ => TrialStatus.Unknown;

    public IReadOnlyList<TrialHandle> Submit(string specFile, IReadOnlyList<int> indexes, CancellationToken cancellationToken)
    {
        var specs = TrialSpecFile.Load(specFile);
        var handles = new List<TrialHandle>();
        foreach (int index in indexes)
        {
            Submitted.Add(index);
            var spec = specs.At(index);
            var handle = new TrialHandle(index, $"fake-{Submitted.Count}");
            if (Succeeds(spec))
            {
                Complete(spec);
                _states[handle.EngineJobId] = new TrialState(handle, TrialStatus.Finished);
            }
            else
            {
                Directory.CreateDirectory(spec.OutputDirectory);
                File.WriteAllText(Path.Combine(spec.OutputDirectory, TrialLog.FileName), "epoch 1/1\nout of memory\n");
                _states[handle.EngineJobId] = new TrialState(handle, TrialStatus.Failed, "exit code 137");
            }
            handles.Add(handle);
        }
        return handles;
    }

    public IReadOnlyList<TrialState> Poll(IReadOnlyList<TrialHandle> handles) =>
        [.. handles.Select(h =>
        {
            Polled.Add(h.EngineJobId);
            return _states.TryGetValue(h.EngineJobId, out var state) ? state : new TrialState(h, Foreign(h));
        })];

    public void Cancel(IReadOnlyList<TrialHandle> handles) { }

    /// <summary>Writes what a successful trial writes: its model (renamed after its label), result.json, then the done marker.</summary>
    public static TrialResult Complete(TrialSpec spec)
    {
        Directory.CreateDirectory(spec.OutputDirectory);
        var graph = OnnxImporter.Load(spec.Input(TrialRunner.ModelInput));
        OnnxExporter.Save(graph with { Name = $"{graph.Name}+{spec.Label}" }, Path.Combine(spec.OutputDirectory, TrialRunner.ArtifactFile));
        var result = new TrialResult
        {
            Id = spec.Id, Index = spec.Index, Label = spec.Label, Artifact = TrialRunner.ArtifactFile,
            Metric = new Metric("top-1", 0.9), Details = [$"{spec.Label} wrote a tweaked copy"],
        };
        result.Save(spec.OutputDirectory);
        DoneMarker.Write(spec.OutputDirectory, result);
        return result;
    }
}
