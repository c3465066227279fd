using System.Diagnostics;
using Lighten.Pipeline.Trials;
using Lighten.TestSupport;

namespace Lighten.Pipeline.Tests.Trials;

/// <summary>
/// The local executor with a fake trial (a shell script in place of <c>lighten trial</c>): success, a non-zero exit, a
/// kill by signal, an exit without a marker, the parallel limit, cancel, and a cancelled wait.
/// </summary>
public class LocalTrialExecutorTests : IDisposable
{
    // $1 = the test's folder; then "trial --spec FILE --index N" as every executor passes them ($6 = N). While a file
    // "hold" is in the folder, a trial waits for "go" before it ends, so that a test can see the queue before a slot frees.
    private const string Script = """
        echo "trial $6 starts"
        if [ -e "$1/hold" ]; then while [ ! -e "$1/go" ]; do sleep 0.02; done; fi
        case "$6" in
          0) cp -r "$1/ready/." "$1/0/"; exit 0 ;;
          1) echo "boom: out of memory" >&2; exit 3 ;;
          2) kill -9 $$ ;;
          3) sleep 60 ;;
          *) exit 0 ;;
        esac
        """;

    private readonly string _dir = TestTemp.CreateSubdirectory("lighten-local-").FullName;
    private readonly string _specFile;
    private readonly TrialSpecFile _specs;

    public LocalTrialExecutorTests()
    {
        var ready = Path.Combine(_dir, "ready");
        Directory.CreateDirectory(ready);
        File.WriteAllBytes(Path.Combine(ready, "model.onnx"), [1, 2, 3]);
        var result = new TrialResult { Id = "t0", Index = 0, Label = "t0", Artifact = "model.onnx" };
        result.Save(ready);
        DoneMarker.Write(ready, result);
        _specFile = Path.Combine(_dir, "trials.json");
        _specs = new TrialSpecFile
        {
            Step = "G5",
            Trials = [.. Enumerable.Range(0, 5).Select(i => new TrialSpec
            {
                Id = $"t{i}", Step = "G5", Kind = TrialKinds.Prune, Index = i, Label = $"t{i}", OutputDirectory = Path.Combine(_dir, $"{i}"),
                Threads = 1, Resources = new TrialResources(1),
            })],
        };
        _specs.Save(_specFile);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LocalTrialExecutor Executor(int parallel) => new(new TrialCommand("/bin/sh", ["-c", Script, "sh", _dir]), parallel);

    [Fact]
    public void Children_run_two_at_a_time_and_end_as_their_marker_and_exit_say()
    {
        var executor = Executor(parallel: 2);
        File.WriteAllText(Path.Combine(_dir, "hold"), "");
        var handles = executor.Submit(_specFile, [0, 1, 2, 4], CancellationToken.None);

        Assert.All(handles.Take(2), h => Assert.Matches("^[0-9]+$", h.EngineJobId));
        Assert.All(handles.Skip(2), h => Assert.StartsWith("queued-", h.EngineJobId));
        File.WriteAllText(Path.Combine(_dir, "go"), "");
        var outcomes = new TrialWaiter(executor, TimeSpan.FromMilliseconds(50)).Wait(_specs, handles, null, CancellationToken.None);

        Assert.True(outcomes[0].Succeeded, outcomes[0].Failure);
        Assert.Equal("model.onnx", outcomes[0].Result!.Artifact);
        Assert.Contains("exit code 3", outcomes[1].Failure);
        Assert.Contains("boom: out of memory", outcomes[1].Failure);
        Assert.Contains("killed by signal 9", outcomes[2].Failure);
        Assert.Contains("without a valid done marker", outcomes[4].Failure);
        Assert.All(new[] { 0, 1, 2, 4 }, i => Assert.Contains($"trial {i} starts", File.ReadAllText(Path.Combine(_dir, $"{i}", TrialLog.FileName))));
        Assert.All(outcomes.Values, o => Assert.Matches("^[0-9]+$", o.EngineJobId));
    }

    [Fact]
    public void Cancel_kills_a_running_child_and_drops_a_queued_one()
    {
        var executor = Executor(parallel: 1);
        var handles = executor.Submit(_specFile, [3, 4], CancellationToken.None);
        int pid = int.Parse(handles[0].EngineJobId);
        Assert.Equal(TrialStatus.Running, executor.Poll(handles)[0].Status);

        executor.Cancel(handles);

        var states = Eventually(() => executor.Poll(handles), s => s.All(x => x.Status == TrialStatus.Failed));
        Assert.Equal("killed (cancelled)", states[0].Reason);
        Assert.Equal("cancelled before it started", states[1].Reason);
        Assert.False(File.Exists(Path.Combine(_dir, "4", TrialLog.FileName)));
        Assert.True(Eventually(() => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), x => x));
    }

    [Fact]
    public void A_cancelled_wait_cancels_its_trials_and_throws()
    {
        var executor = Executor(parallel: 2);
        var handles = executor.Submit(_specFile, [3], CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => new TrialWaiter(executor, TimeSpan.FromMilliseconds(50)).Wait(_specs, handles, null, cancel.Token));

        Assert.Equal("killed (cancelled)", Eventually(() => executor.Poll(handles)[0], s => s.Status == TrialStatus.Failed).Reason);
    }

    [Fact]
    public void A_pid_from_an_earlier_process_is_running_while_a_trial_has_it_and_unknown_after()
    {
        var child = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 60; true", "sh", "trial", "--spec", _specFile } })!;
        var handle = new TrialHandle(3, child.Id.ToString());
        var executor = Executor(parallel: 1);
        Assert.Equal(TrialStatus.Running, executor.Poll([handle])[0].Status);
        executor.Cancel([handle]);
        Assert.True(child.WaitForExit(10_000));
        Assert.Equal(TrialStatus.Unknown, executor.Poll([handle])[0].Status);
    }

    private static T Eventually<T>(Func<T> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(50);
            value = read();
        }
        Assert.True(done(value), $"not reached within 20 s: {value}");
        return value;
    }
}
