using Lighten.Pipeline.Trials.Slurm;

namespace Lighten.Cluster.Tests;

public sealed class SharedFolderTests : ClusterTest
{
    [Fact]
    public void A_folder_the_node_shares_passes_and_names_the_node_that_wrote_the_probe()
    {
        var node = Cluster.Client().CheckSharedFolder(Folder);

        Assert.Equal(Environment.MachineName, node);
        Assert.Empty(Directory.GetFileSystemEntries(Folder));
    }

    [Fact]
    public void A_missing_folder_fails_naming_it()
    {
        var missing = Path.Combine(Folder, "absent");

        var e = Assert.Throws<SlurmException>(() => Cluster.Client().CheckSharedFolder(missing));

        Assert.Equal(missing, e.File);
        Assert.StartsWith("shared_dir does not exist", e.Message);
    }

    [Fact]
    public void A_folder_the_node_does_not_see_fails_fast()
    {
        // A node that mounts other storage at the folder's path: an sbatch in front of the real one moves every path the
        // job writes under the folder elsewhere, so the probe lands where the submitting side cannot see it.
        var shared = Directory.CreateDirectory(Path.Combine(Folder, "shared")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(Folder, "node-disk")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(Folder, "bin")).FullName;
        foreach (var command in new[] { "squeue", "scancel" })
            File.CreateSymbolicLink(Path.Combine(bin, command), Which(command));
        File.WriteAllText(Path.Combine(bin, "sbatch"), $"""
            #!/bin/bash
            args=("$@"); script=${"{"}args[-1]{"}"}; unset 'args[-1]'
            sed "s#{shared}/#{elsewhere}/#g" "$script" > "$script.moved"
            grep -o "{elsewhere}/[^/']*" "$script.moved" | sort -u | xargs -r mkdir -p
            exec {Which("sbatch")} "${"{"}args[@]{"}"}" "$script.moved"
            """.Replace("\r", ""));
        File.SetUnixFileMode(Path.Combine(bin, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var client = new SlurmClient(TimeSpan.FromSeconds(30), bin);

        var e = Assert.Throws<SlurmException>(() => client.CheckSharedFolder(shared));

        Assert.Equal(shared, e.File);
        Assert.StartsWith("shared_dir is not shared with the cluster's nodes: probe job ", e.Message);
        Assert.Single(Directory.GetDirectories(elsewhere));
    }

    private static string Which(string command) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, command)).First(File.Exists);
}
