namespace Lighten.Training.Native;

/// <summary>
/// libtorch's OpenMP threads spin while they wait for work by default. On a machine whose cores are shared with
/// other processes that spinning steals the cores the other threads need: a ResNet-18 training step measured about
/// six times slower with two spinning threads than with one on a loaded two-core machine, while with passive waiting
/// two threads were never slower than one. OpenMP reads its wait policy once, when libtorch loads, from the
/// native environment (which .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change).
/// </summary>
public static class OpenMpWaiting
{
    /// <summary>The variable OpenMP reads.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment unless the user set a policy. Call it before the
    /// first TorchSharp call of the process (<see cref="NativeEngine.Prepare"/> does); later it has no effect. Returns whether it set the variable.
    /// </summary>
    public static bool PreferPassive()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return false;
        NativeEnvironment.Set(Variable, "PASSIVE");
        return true;
    }
}
