using Lighten.Core.IO;

namespace Lighten.TestSupport;

/// <summary>
/// Points Lighten's cache (<see cref="LightenCache"/>: host profile, layer timings, native-engine verdicts) at a folder of
/// the tests' own, so that a test run never writes into, or decides from, the user's real cache. The folder is shared by
/// the test assemblies of a run (the native-engine probe runs once), and an explicit <c>LIGHTEN_CACHE_DIR</c> wins.
/// </summary>
public static class TestCache
{
    /// <summary>The tests' cache folder.</summary>
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "lighten-test-cache");

    /// <summary>Sets <c>LIGHTEN_CACHE_DIR</c> for this process (and the processes it starts) unless it is set already.</summary>
    public static void Use()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(LightenCache.DirectoryVariable)))
            Environment.SetEnvironmentVariable(LightenCache.DirectoryVariable, Directory);
    }
}
