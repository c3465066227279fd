using Lighten.Core.IO;

namespace Lighten.Core.Targets;

/// <summary>
/// Where the measured <c>host</c> profile is kept between runs: a YAML profile named after this machine
/// (core count, architecture, host name and CPU model) in <c>$LIGHTEN_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/lighten</c>, else <c>~/.cache/lighten</c>. Another machine sharing the folder gets its own file.
/// </summary>
public static class HostProfileCache
{
    /// <summary>The cached profile's path for this machine in <paramref name="directory"/> (usually <see cref="LightenCache.Directory"/>).</summary>
    public static string PathFor(string directory) => Path.Combine(directory, $"host-{LightenCache.Machine}.yaml");

    /// <summary>The cached measurement of this machine, or null when there is none or it cannot be read (it is then measured again).</summary>
    public static TargetProfile? TryLoad(string directory)
    {
        var path = PathFor(directory);
        if (!File.Exists(path)) return null;
        try
        {
            return TargetCatalog.Load(path);
        }
        catch (TargetProfileException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="profile"/> as this machine's cached measurement (atomically) and returns the path.</summary>
    public static string Save(TargetProfile profile, string directory)
    {
        var path = PathFor(directory);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, TargetProfileYaml.Write(profile));
        return path;
    }
}
