using Lighten.Pipeline.Trials.Slurm;

namespace Lighten.Cluster.Tests;

public sealed class SlurmArrayTests : ClusterTest
{
    private readonly SlurmClient _client = Cluster.Client();

    private SlurmArrayRequest Request(string shell, IReadOnlyList<int> indexes, int? parallelism) =>
        new("lighten-test", ["/bin/sh", "-c", shell, "task", SlurmArrayRequest.TaskIndex], indexes,
            Path.Combine(Folder, "scripts"), Path.Combine(Folder, "logs"), Folder, new SlurmResources(MemoryMb: 64, Parallelism: parallelism));

    [Fact]
    public void An_array_of_four_runs_two_at_a_time_and_every_task_writes_its_index()
    {
        var jobId = _client.Submit(Request("sleep 1; echo \"$1\" > out.$1; echo logged $1", [0, 1, 2, 3], 2));

        var polls = Cluster.WaitForEnd(_client, jobId, TimeSpan.FromSeconds(90));

        Assert.All(polls, p => Assert.True(p.Count(t => t.Phase == SlurmPhase.Running) <= 2, "more than 2 tasks ran at once"));
        var last = polls[^1];
        Assert.Equal([0, 1, 2, 3], last.Select(t => t.TaskId));
        Assert.All(last, t => Assert.Equal(SlurmPhase.Finished, t.Phase));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal($"{i}", File.ReadAllText(Path.Combine(Folder, $"out.{i}")).Trim());
            Assert.Equal($"logged {i}", File.ReadAllText(Path.Combine(Folder, "logs", $"{i}", "trial.log")).Trim());
        }
    }

    [Fact]
    public void A_pending_array_is_reported_task_by_task()
    {
        int[] indexes = [1, 4, 5, 9];
        var jobId = _client.Submit(Request("sleep 30", indexes, 1));
        try
        {
            var tasks = _client.Poll(jobId);

            Assert.Equal(indexes, tasks.Select(t => t.TaskId));
            Assert.True(tasks.Count(t => t.Phase == SlurmPhase.Pending) >= 3, string.Join(", ", tasks.Select(t => $"{t.Id} {t.State}")));
            Assert.All(tasks, t => Assert.Equal(jobId, t.JobId));
        }
        finally
        {
            _client.Cancel(jobId);
        }
        var ended = Cluster.WaitForEnd(_client, jobId, TimeSpan.FromSeconds(30))[^1];
        Assert.All(ended, t => Assert.Equal(("CANCELLED", SlurmPhase.Failed), (t.State, t.Phase)));
    }

    [Fact]
    public void Cancelling_one_task_ends_it_and_lets_the_others_finish()
    {
        var jobId = _client.Submit(Request("sleep 4; echo \"$1\" > out.$1", [0, 1, 2], null));

        _client.Cancel(jobId, [1]);
        var last = Cluster.WaitForEnd(_client, jobId, TimeSpan.FromSeconds(90))[^1];

        // A task cancelled while running stays in squeue as CANCELLED; one cancelled while pending leaves it at once.
        var cancelled = last.SingleOrDefault(t => t.TaskId == 1);
        Assert.True(cancelled is null or { Phase: SlurmPhase.Failed, State: "CANCELLED" }, $"task 1 is {cancelled}");
        Assert.All(last.Where(t => t.TaskId != 1), t => Assert.Equal(SlurmPhase.Finished, t.Phase));
        Assert.True(File.Exists(Path.Combine(Folder, "out.0")) && File.Exists(Path.Combine(Folder, "out.2")));
        Assert.False(File.Exists(Path.Combine(Folder, "out.1")));
    }

    [Fact]
    public void A_failing_command_is_failed_with_its_exit_code()
    {
        var jobId = _client.Submit(Request("exit $(( $1 + 3 ))", [0, 2], null));

        var last = Cluster.WaitForEnd(_client, jobId, TimeSpan.FromSeconds(60))[^1];

        Assert.Equal(["FAILED (NonZeroExitCode, exit code 3)", "FAILED (NonZeroExitCode, exit code 5)"], last.Select(t => t.Reason));
    }

    [Fact]
    public void A_task_over_its_time_limit_is_failed_as_timeout()
    {
        // Slurm's shortest limit is one minute (0:05 rounds up) and the controller checks limits every ~30 s: ~60-90 s.
        var request = Request("sleep 600", [0], null) with
        {
            Resources = new SlurmResources(MemoryMb: 64, TimeLimit: TimeSpan.FromSeconds(5)),
        };
        var jobId = _client.Submit(request);

        var last = Cluster.WaitForEnd(_client, jobId, TimeSpan.FromSeconds(150))[^1];

        var task = Assert.Single(last);
        Assert.Equal((SlurmPhase.Failed, "TIMEOUT"), (task.Phase, task.State));
    }
}
