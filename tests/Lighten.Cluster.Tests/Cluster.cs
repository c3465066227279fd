using System.Diagnostics;
using System.Runtime.Versioning;
using Lighten.Pipeline.Trials.Slurm;
using Lighten.TestSupport;

// Slurm runs on Linux only.
[assembly: SupportedOSPlatform("linux")]

namespace Lighten.Cluster.Tests;

/// <summary>
/// Needs a Slurm cluster: run scripts/slurm-local.sh up and export SLURM_CONF. Every test class derives from
/// <see cref="ClusterTest"/>, whose constructor fails each test with that message when no cluster answers.
/// </summary>
public static class Cluster
{
    public const string Requirement = "needs a Slurm cluster: run scripts/slurm-local.sh up and export SLURM_CONF";

    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>A client with a short command timeout, so a dead cluster fails a test quickly.</summary>
    public static SlurmClient Client() => new(TimeSpan.FromSeconds(30));

    public static void Require()
    {
        if (Problem.Value is string problem) throw new InvalidOperationException($"{Requirement} ({problem})");
    }

    private static string? Probe()
    {
        var conf = Environment.GetEnvironmentVariable("SLURM_CONF");
        if (string.IsNullOrEmpty(conf) && !File.Exists("/etc/slurm/slurm.conf")) return "SLURM_CONF is not set";
        try
        {
            new SlurmClient(TimeSpan.FromSeconds(20)).Poll("1");
            return null;
        }
        catch (SlurmException e)
        {
            return e.Describe();
        }
    }

    /// <summary>Polls <paramref name="jobId"/> until no task is pending or running (or <paramref name="timeout"/>), collecting every poll.</summary>
    public static List<IReadOnlyList<SlurmTask>> WaitForEnd(SlurmClient client, string jobId, TimeSpan timeout)
    {
        var polls = new List<IReadOnlyList<SlurmTask>>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = client.Poll(jobId);
            polls.Add(tasks);
            if (tasks.All(t => t.Phase is SlurmPhase.Finished or SlurmPhase.Failed)) return polls;
            if (clock.Elapsed > timeout)
            {
                client.Cancel(jobId);
                throw new TimeoutException($"job {jobId} did not end within {timeout}: {string.Join(", ", tasks.Select(t => $"{t.Id} {t.State}"))}");
            }
            Thread.Sleep(300);
        }
    }
}

/// <summary>The base of every cluster test: the cluster must answer, and each test gets its own folder.</summary>
public abstract class ClusterTest : IDisposable
{
    protected ClusterTest()
    {
        Cluster.Require();
        Folder = TestTemp.CreateSubdirectory("lighten-cluster-").FullName;
    }

    /// <summary>A fresh folder; on one node every local folder is shared with the node.</summary>
    protected string Folder { get; }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
