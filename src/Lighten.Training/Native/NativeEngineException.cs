using Lighten.Core;

namespace Lighten.Training.Native;

/// <summary>
/// libtorch cannot train correctly on this machine (every remedy died or computed wrong gradients), or a precision it was
/// asked for computes wrong gradients here. The CLI prints the one-line message and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class NativeEngineException(string message) : LightenException(message)
{
    /// <summary>The exit code of a command stopped by this error.</summary>
    public const int ExitCode = 5;

    /// <inheritdoc/>
    public override bool IsBadInput => false;
}
