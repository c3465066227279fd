using System.Runtime.InteropServices;

namespace Lighten.Training.Native;

/// <summary>
/// The C library's environment, which native code reads with <c>getenv</c>. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only the managed copy, so a variable meant for
/// libtorch, OpenMP or oneDNN must be set here, before the library that reads it loads.
/// </summary>
public static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> natively (overwriting) and in the managed copy, so that child processes see it too.</summary>
    public static void Set(string name, string value)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            if (SetEnv(name, value, 1) != 0) throw new InvalidOperationException($"setenv({name}) failed");
        }
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>
    /// Whether libtorch is already loaded into this process (Linux: listed in <c>/proc/self/maps</c>); a setting read at load
    /// time can no longer take effect then. False where it cannot be told.
    /// </summary>
    public static bool LibTorchLoaded()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return false;
        foreach (var line in File.ReadLines(maps))
            if (line.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Ends this process with <paramref name="signal"/> at once, its default action restored (a native crash, for probes and tests).</summary>
    public static void DieBySignal(int signal)
    {
        Signal(signal, IntPtr.Zero);
        Raise(signal);
        Environment.FailFast($"signal {signal} did not end the process");
    }

    /// <summary>SIGFPE on Linux: what an integer division by zero raises.</summary>
    public const int SigFpe = 8;

    // DllImport rather than LibraryImport, which would need unsafe code in the project.
    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi)]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr Signal(int signal, IntPtr handler);

    [DllImport("libc", EntryPoint = "raise")]
    private static extern int Raise(int signal);
}
