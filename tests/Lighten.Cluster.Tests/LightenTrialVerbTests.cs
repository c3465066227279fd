using Lighten.Cli.Commands;
using Lighten.Pipeline.Trials;
using Lighten.Pipeline.Trials.Slurm;
using Lighten.Training.Native;

namespace Lighten.Cluster.Tests;

/// <summary>The real <c>lighten trial</c> verb as Slurm array tasks start it: the command line, the index and the log reach it.</summary>
public sealed class LightenTrialVerbTests : ClusterTest
{
    [Fact]
    public void Each_array_task_runs_lighten_trial_with_its_index_and_logs_its_error()
    {
        var spec = Path.Combine(Folder, "trials.json");
        var missing = Path.Combine(Folder, "no-model.onnx");
        new TrialSpecFile
        {
            Step = "G5",
            Trials = [.. Enumerable.Range(0, 2).Select(i => new TrialSpec
            {
                Id = $"id{i}", Step = "G5", Kind = TrialKinds.Prune, Index = i, Label = $"ratio 0.{i}",
                Inputs = [new TrialInput(TrialRunner.ModelInput, missing, new string('0', 64))],
                OutputDirectory = Path.Combine(Folder, $"trial-{i}"), Threads = 1, Resources = new TrialResources(1, 512),
            })],
        }.Save(spec);
        // A trial first decides the native engine; a new build probes it once (a minute or more), here rather than in the jobs.
        NativeEngine.Prepare();
        var executor = new SlurmExecutor(RunTrialCommand.Self(), new ExecutorSettings { Kind = "slurm", SharedDir = Folder }, Cluster.Client());

        var handles = executor.Submit(spec, [0, 1], CancellationToken.None);
        var states = SlurmExecutorTests.WaitForEnd(executor, handles);

        Assert.All(states, s => Assert.Equal((TrialStatus.Failed, $"Slurm task {s.Handle.EngineJobId}: FAILED (NonZeroExitCode, exit code 2)"), (s.Status, s.Reason)));
        foreach (var i in new[] { 0, 1 })
            Assert.Contains($"trial {i} of G5 (ratio 0.{i}): its input 'model' is missing or changed since the spec was written",
                File.ReadAllText(Path.Combine(Folder, $"trial-{i}", TrialLog.FileName)));
    }
}
