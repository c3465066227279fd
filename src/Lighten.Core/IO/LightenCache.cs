using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Lighten.Core.IO;

/// <summary>
/// Lighten's cache folder and this machine's name in it. Everything cached there (the measured host profile, layer
/// timings, native-engine verdicts) is per machine: a folder shared by several machines (a home directory on a cluster)
/// keeps one file per machine, so figures measured on one are never reported as measured on another.
/// </summary>
public static class LightenCache
{
    /// <summary>The environment variable that overrides the cache folder (the tests point it at a temporary folder).</summary>
    public const string DirectoryVariable = "LIGHTEN_CACHE_DIR";

    /// <summary>The cache folder: <c>$LIGHTEN_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/lighten</c>, else <c>~/.cache/lighten</c>.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "lighten")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "lighten");

    /// <summary>This machine in a file name: architecture, logical cores and a hash of those, the host name and the CPU model.</summary>
    public static string Machine { get; } = Fingerprint();

    private static string Fingerprint()
    {
        var identity = $"{Environment.ProcessorCount}|{RuntimeInformation.ProcessArchitecture}|{Environment.MachineName}|{CpuModel()}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        return $"{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}-{Environment.ProcessorCount}c-{hash}";
    }

    private static string CpuModel()
    {
        try
        {
            return File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) ?? ""
                : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
