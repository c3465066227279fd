using System.Diagnostics;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// The check behind <see cref="SlurmClient.CheckSharedFolder"/>: a folder is shared when a file a cluster node writes there
/// can be read here. A folder that only this machine has fails fast instead of losing every trial's results.
/// </summary>
internal static class SharedFolderProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static string Run(SlurmClient client, string sharedDir, SlurmResources resources, TimeSpan timeout)
    {
        var full = Path.GetFullPath(sharedDir);
        if (!Directory.Exists(full))
            throw new SlurmException("shared_dir does not exist: the trials' folder must be a folder the cluster's nodes share", full);
        var folder = Path.Combine(full, $".lighten-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SlurmException($"shared_dir is not writable here: {ex.Message}", full, ex);
        }
        try
        {
            return Probe(client, full, folder, resources, timeout);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover probe folder is harmless; the check's outcome matters more.
            }
        }
    }

    private static string Probe(SlurmClient client, string sharedDir, string folder, SlurmResources resources, TimeSpan timeout)
    {
        var token = Guid.NewGuid().ToString("N");
        var probe = Path.Combine(folder, "probe.txt");
        var request = new SlurmArrayRequest("lighten-probe",
            ["/bin/sh", "-c", "echo \"$1 $(hostname)\" > \"$2\"", "probe", token, probe],
            [0], folder, folder, sharedDir, resources with { Parallelism = null });
        var jobId = client.Submit(request);
        var clock = Stopwatch.StartNew();
        SlurmTask? last = null;
        while (true)
        {
            var tasks = client.Poll(jobId);
            last = tasks.Count > 0 ? tasks[0] : null;
            if (last is null || last.Phase is SlurmPhase.Finished or SlurmPhase.Failed) break;
            if (clock.Elapsed > timeout)
            {
                client.Cancel(jobId);
                throw new SlurmException($"the shared-folder probe job {jobId} did not end within {timeout.TotalSeconds:0} s " +
                    $"(it was {last.State}): is the partition's node up (sinfo)?", sharedDir);
            }
            Thread.Sleep(PollInterval);
        }
        if (last?.Phase == SlurmPhase.Failed)
        {
            var log = Path.Combine(folder, "0", "trial.log");
            var said = File.Exists(log) ? $"its log says: {File.ReadAllText(log).Trim()}"
                : $"its log {log} is not visible here, so the folder is likely not shared with the nodes";
            throw new SlurmException($"the shared-folder probe job {jobId} failed ({last.Reason}); {said}", sharedDir);
        }
        if (!File.Exists(probe))
            throw new SlurmException($"shared_dir is not shared with the cluster's nodes: probe job {jobId} " +
                $"{(last is null ? "left the queue" : "finished")} but the file it wrote, {probe}, is not visible here", sharedDir);
        var words = File.ReadAllText(probe).Trim().Split(' ', 2);
        if (words[0] != token)
            throw new SlurmException($"shared_dir's probe file {probe} holds '{words[0]}', not the token the probe job was given", sharedDir);
        return words.Length > 1 ? words[1] : "";
    }
}
