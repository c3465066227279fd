using Lighten.Core;

namespace Lighten.Pipeline.Trials.Slurm;

/// <summary>
/// A Slurm command that could not run or was refused: <c>sbatch</c> missing from <c>PATH</c>, no cluster answering,
/// a request the cluster rejects, or a shared folder the nodes cannot see. The message names the command and its stderr.
/// </summary>
public sealed class SlurmException(string message, string? file = null, Exception? inner = null)
    : LightenException(message, file, inner: inner)
{
    /// <summary>A cluster that cannot run the work is a fault of the environment, not of the user's input.</summary>
    public override bool IsBadInput => false;
}
