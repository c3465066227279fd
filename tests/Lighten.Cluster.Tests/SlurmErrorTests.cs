using Lighten.Pipeline.Trials.Slurm;

namespace Lighten.Cluster.Tests;

public sealed class SlurmErrorTests : ClusterTest
{
    private SlurmArrayRequest Request(SlurmResources resources) =>
        new("lighten-test", ["/bin/true"], [0], Folder, Folder, Folder, resources);

    [Fact]
    public void A_missing_sbatch_names_the_command_and_PATH()
    {
        var client = new SlurmClient(binFolder: Directory.CreateDirectory(Path.Combine(Folder, "empty-bin")).FullName);

        var e = Assert.Throws<SlurmException>(() => client.Submit(Request(new SlurmResources())));

        Assert.Contains("sbatch", e.Message);
        Assert.Contains("PATH", e.Message);
    }

    [Fact]
    public void A_rejected_request_carries_sbatchs_stderr()
    {
        var e = Assert.Throws<SlurmException>(() => Cluster.Client().Submit(Request(new SlurmResources(Partition: "no-such-partition"))));

        Assert.StartsWith("`sbatch --parsable --array=0", e.Message);
        Assert.Contains("failed with exit code 1: sbatch: error: invalid partition specified: no-such-partition", e.Message);
    }

    [Fact]
    public void A_missing_configuration_fails_at_once_naming_the_file()
    {
        var conf = Path.Combine(Folder, "no-slurm.conf");
        var client = new SlurmClient(environment: new Dictionary<string, string> { ["SLURM_CONF"] = conf });

        var e = Assert.Throws<SlurmException>(() => client.Poll("1"));

        Assert.Equal(conf, e.File);
        Assert.Contains("SLURM_CONF names a file that does not exist", e.Message);
    }

    [Fact]
    public void A_controller_that_does_not_answer_is_an_error_not_an_empty_queue()
    {
        // The same cluster's configuration with a port where no controller listens: squeue exits 0 with an error entry.
        var conf = Path.Combine(Folder, "dead.conf");
        var live = Environment.GetEnvironmentVariable("SLURM_CONF") ?? "/etc/slurm/slurm.conf";
        File.WriteAllLines(conf, File.ReadAllLines(live)
            .Where(l => !l.StartsWith("SlurmctldPort=", StringComparison.Ordinal))
            .Prepend("SlurmctldPort=1"));
        var client = new SlurmClient(TimeSpan.FromSeconds(30), environment: new Dictionary<string, string> { ["SLURM_CONF"] = conf });

        var e = Assert.Throws<SlurmException>(() => client.Poll("1"));

        Assert.Contains("`squeue --json` reported 'slurm_load_jobs", e.Message);
        Assert.Contains("is a Slurm controller answering?", e.Message);
    }

    [Fact]
    public void A_log_folder_that_cannot_be_made_is_named()
    {
        var file = Path.Combine(Folder, "a-file");
        File.WriteAllText(file, "");

        var e = Assert.Throws<SlurmException>(() => Cluster.Client().Submit(Request(new SlurmResources()) with { LogFolder = file }));

        Assert.Equal(Path.Combine(file, "0"), e.File);
        Assert.StartsWith("cannot create the job array's folder", e.Message);
    }

    [Fact]
    public void A_bad_request_is_refused_before_sbatch()
    {
        var client = Cluster.Client();

        Assert.Throws<ArgumentException>(() => client.Submit(Request(new SlurmResources()) with { Indexes = [0, 0] }));
        Assert.Throws<ArgumentException>(() => client.Submit(Request(new SlurmResources()) with { Indexes = [] }));
        Assert.Throws<ArgumentException>(() => client.Submit(Request(new SlurmResources(Parallelism: 0))));
        Assert.Throws<ArgumentException>(() => client.Poll("12_3"));
    }
}
