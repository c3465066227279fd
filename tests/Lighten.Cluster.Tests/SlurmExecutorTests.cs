using System.Diagnostics;
using Lighten.Pipeline.Trials;
using Lighten.Pipeline.Trials.Slurm;

namespace Lighten.Cluster.Tests;

/// <summary>The executor over the real cluster, with a shell script standing in for <c>lighten trial</c>.</summary>
public sealed class SlurmExecutorTests : ClusterTest
{
    private const string FakeTrial = """
        #!/bin/sh
        # Stands in for `lighten trial --spec FILE --index N`: writes result.txt in the trial's folder; trial 2 fails.
        [ "$1" = trial ] && [ "$2" = --spec ] && [ "$4" = --index ] || { echo "bad arguments: $*"; exit 9; }
        [ -f "$3" ] || { echo "no spec $3"; exit 8; }
        echo "trial $5 of $3"
        sleep "${FAKE_TRIAL_SLEEP:-0}"
        [ "$5" != 2 ] || { echo "trial 2 breaks" >&2; exit 7; }
        echo "$5" > "$(dirname "$3")/trials/$5/result.txt"
        """;

    private (SlurmExecutor Executor, string SpecFile) Setup(int? parallelism)
    {
        var fake = Path.Combine(Folder, "fake-lighten");
        File.WriteAllText(fake, FakeTrial);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = Path.Combine(Folder, "g5.spec.json");
        new TrialSpecFile
        {
            Step = "G5",
            Trials = [.. Enumerable.Range(0, 4).Select(i => new TrialSpec
            {
                Id = $"id{i}", Step = "G5", Kind = TrialKinds.Prune, Index = i, Label = $"ratio 0.{i}",
                OutputDirectory = Path.Combine(Folder, "trials", $"{i}"), Threads = 1, Resources = new TrialResources(1, 64),
            })],
        }.Save(spec);
        var settings = new ExecutorSettings { Kind = "slurm", ArrayParallelism = parallelism, MemoryMb = 64, SharedDir = Folder };
        return (new SlurmExecutor(new TrialCommand("/bin/sh", [fake]), settings, Cluster.Client()), spec);
    }

    internal static IReadOnlyList<TrialState> WaitForEnd(SlurmExecutor executor, IReadOnlyList<TrialHandle> handles)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var states = executor.Poll(handles);
            if (states.All(s => s.Status is TrialStatus.Finished or TrialStatus.Failed or TrialStatus.Unknown)) return states;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), string.Join(", ", states.Select(s => $"{s.Handle.EngineJobId} {s.Status}")));
            Thread.Sleep(300);
        }
    }

    [Fact]
    public void Submitted_trials_run_as_one_array_and_report_their_ends()
    {
        var (executor, spec) = Setup(parallelism: 2);

        var handles = executor.Submit(spec, [0, 1, 2, 3], CancellationToken.None);
        var states = WaitForEnd(executor, handles);

        Assert.Equal("slurm", executor.Kind);
        Assert.Equal([0, 1, 2, 3], handles.Select(h => h.Index));
        var jobId = handles[0].EngineJobId.Split('_')[0];
        Assert.Equal(handles.Select(h => $"{jobId}_{h.Index}"), handles.Select(h => h.EngineJobId));
        Assert.Equal([TrialStatus.Finished, TrialStatus.Finished, TrialStatus.Failed, TrialStatus.Finished], states.Select(s => s.Status));
        Assert.Equal($"Slurm task {jobId}_2: FAILED (NonZeroExitCode, exit code 7)", states[2].Reason);
        foreach (var i in new[] { 0, 1, 3 })
            Assert.Equal($"{i}", File.ReadAllText(Path.Combine(Folder, "trials", $"{i}", "result.txt")).Trim());
        Assert.Equal(["trial 2 of " + spec, "trial 2 breaks"], File.ReadAllLines(Path.Combine(Folder, "trials", "2", TrialLog.FileName)));
    }

    [Fact]
    public void Cancelled_trials_end_failed_or_unknown_and_the_others_finish()
    {
        var (executor, spec) = Setup(parallelism: 1);
        Environment.SetEnvironmentVariable("FAKE_TRIAL_SLEEP", "3");
        IReadOnlyList<TrialHandle> handles;
        try
        {
            handles = executor.Submit(spec, [0, 1, 3], CancellationToken.None);
        }
        finally
        {
            // sbatch hands its environment to the tasks; only this submission needs the pause.
            Environment.SetEnvironmentVariable("FAKE_TRIAL_SLEEP", null);
        }

        executor.Cancel([handles[1]]);
        var states = WaitForEnd(executor, handles);

        Assert.Equal([TrialStatus.Finished, TrialStatus.Finished], new[] { states[0], states[2] }.Select(s => s.Status));
        // Cancelled while pending (the array runs one at a time), the task leaves squeue at once: only its files can tell.
        Assert.True(states[1].Status == TrialStatus.Unknown
            || (states[1].Status == TrialStatus.Failed && states[1].Reason!.Contains(": CANCELLED", StringComparison.Ordinal)),
            $"trial 1 is {states[1]}");
        Assert.False(File.Exists(Path.Combine(Folder, "trials", "1", "result.txt")));
    }

    [Fact]
    public void A_task_the_queue_has_forgotten_is_unknown()
    {
        var (executor, _) = Setup(parallelism: null);

        // Above Slurm's default MaxJobId (67043328): no cluster ever gives this id.
        var state = Assert.Single(executor.Poll([new TrialHandle(0, "99999999_0")]));

        Assert.Equal(TrialStatus.Unknown, state.Status);
    }

    [Fact]
    public void A_handle_that_is_not_an_array_task_is_refused()
    {
        var (executor, _) = Setup(parallelism: null);

        var e = Assert.Throws<ArgumentException>(() => executor.Poll([new TrialHandle(3, "4242")]));

        Assert.Contains("trial 3's engine job id '4242' is not a Slurm array task", e.Message);
    }

    [Fact]
    public void A_shared_dir_that_does_not_exist_stops_the_first_submission()
    {
        var (_, spec) = Setup(parallelism: null);
        var missing = Path.Combine(Folder, "no-such-shared");
        var executor = new SlurmExecutor(new TrialCommand("/bin/true", []), new ExecutorSettings { Kind = "slurm", SharedDir = missing }, Cluster.Client());

        var e = Assert.Throws<SlurmException>(() => executor.Submit(spec, [0], CancellationToken.None));

        Assert.Equal(missing, e.File);
    }
}
