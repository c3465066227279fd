using System.ComponentModel;
using System.Diagnostics;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>How one Slurm command ended: its exit code and what it printed.</summary>
internal sealed record SlurmCommandResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the Slurm client commands (<c>sbatch</c>, <c>squeue</c>, <c>scancel</c>) without a shell.</summary>
internal static class SlurmCommand
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; a non-zero exit is returned, not thrown.</summary>
    /// <exception cref="SlurmException">The program is not on <c>PATH</c> or does not end within <paramref name="timeout"/>.</exception>
    public static SlurmCommandResult Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmException($"`{Describe(program, arguments)}` could not be started");
        }
        catch (Win32Exception ex)
        {
            throw new SlurmException($"`{program}` cannot be run ({ex.Message}): the Slurm client commands must be on PATH " +
                "(Debian: apt-get install slurm-client; a private test cluster: scripts/slurm-local.sh up)", inner: ex);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended between the wait and the kill.
                }
                throw new SlurmException($"`{Describe(program, arguments)}` did not end within {timeout.TotalSeconds:0} s " +
                    "(is a Slurm controller answering? SLURM_CONF says which cluster is asked)");
            }
            process.WaitForExit();
            return new SlurmCommandResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>The command line as one string, for messages.</summary>
    public static string Describe(string program, IReadOnlyList<string> arguments) =>
        string.Join(' ', [program, .. arguments.Select(a => a.Contains(' ') ? $"'{a}'" : a)]);

    /// <summary>The error for a command that exited non-zero: the command, its exit code and its stderr.</summary>
    public static SlurmException Failed(string program, IReadOnlyList<string> arguments, SlurmCommandResult result)
    {
        var said = string.Join(" | ", (result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new SlurmException($"`{Describe(program, arguments)}` failed with exit code {result.ExitCode}" +
            (said.Length == 0 ? " and printed nothing" : $": {said}"));
    }
}
