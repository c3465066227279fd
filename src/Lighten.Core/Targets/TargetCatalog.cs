using System.Collections.Frozen;

namespace Lighten.Core.Targets;

/// <summary>
/// The target profiles: the built-in ones (embedded YAML; <c>host</c> is this machine, see <see cref="Host"/>)
/// and user profiles loaded from YAML files (<see cref="TargetProfileYaml"/> describes the format). Nothing here reads
/// the user's cache unless its folder is passed: front ends pass <see cref="Lighten.Core.IO.LightenCache.Directory"/>.
/// </summary>
public static class TargetCatalog
{
    /// <summary>The name of this machine's profile.</summary>
    public const string HostName = "host";

    private const string ResourcePrefix = "Lighten.Core.Targets.Profiles.";

    private static readonly string[] DeviceNames = ["rk3399-armcl", "rk3399-cpu", "rpi4", "jetson-nano"];

    private static readonly Lazy<FrozenDictionary<string, TargetProfile>> Embedded = new(() =>
        DeviceNames.Append(HostName).ToFrozenDictionary(n => n, ReadEmbedded, StringComparer.Ordinal));

    /// <summary>The names of the built-in profiles, <c>host</c> first.</summary>
    public static IReadOnlyList<string> Names { get; } = [HostName, .. DeviceNames];

    /// <summary>The built-in profiles, <c>host</c> first (as <see cref="Host"/> resolves it with <paramref name="hostCacheDirectory"/>).</summary>
    public static IReadOnlyList<TargetProfile> BuiltIn(string? hostCacheDirectory = null) =>
        [Host(hostCacheDirectory), .. DeviceNames.Select(n => Embedded.Value[n])];

    /// <summary>
    /// This machine: the figures <c>Lighten.Runtime.HostProfiler</c> measured with ONNX Runtime and cached in
    /// <paramref name="cacheDirectory"/> (<see cref="HostProfileCache"/>) when there is such a measurement, else (or
    /// without a folder) the embedded conservative default (modest x86-64 figures) with this machine's core count and
    /// memory; its <see cref="TargetProfile.Sources"/> say which.
    /// </summary>
    public static TargetProfile Host(string? cacheDirectory) =>
        (cacheDirectory is null ? null : HostProfileCache.TryLoad(cacheDirectory)) ?? DefaultHost;

    /// <summary>The embedded default of <c>host</c>, used until a measurement is cached.</summary>
    public static TargetProfile DefaultHost => Embedded.Value[HostName] with
    {
        Cores = Environment.ProcessorCount,
        RamBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
    };

    /// <summary>
    /// The built-in profile called <paramref name="name"/>, or, when <paramref name="name"/> is not one and names a
    /// YAML file (<c>.yaml</c>/<c>.yml</c> or an existing file), the user profile in that file; <c>host</c> is
    /// <see cref="Host"/> with <paramref name="hostCacheDirectory"/>.
    /// </summary>
    /// <exception cref="OptionException">No built-in profile has that name and it is not a YAML file; the message lists the names.</exception>
    /// <exception cref="TargetProfileException">The file is not a valid profile.</exception>
    public static TargetProfile Get(string name, string? hostCacheDirectory = null)
    {
        if (name == HostName) return Host(hostCacheDirectory);
        if (Embedded.Value.TryGetValue(name, out var profile)) return profile;
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(name))
            return Load(name);
        throw new OptionException($"unknown target '{name}' (built-in targets: {string.Join(", ", Names)}; or give the path of a YAML profile)");
    }

    /// <summary>Reads the profile in the YAML file <paramref name="yamlPath"/>.</summary>
    /// <exception cref="TargetProfileException">The file is missing, unreadable or not a valid profile; the error names the file and the key.</exception>
    public static TargetProfile Load(string yamlPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(yamlPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TargetProfileException(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file: {e.Message}", yamlPath, inner: e);
        }
        return TargetProfileYaml.Parse(text, yamlPath) with { SourceFile = Path.GetFullPath(yamlPath) };
    }

    private static TargetProfile ReadEmbedded(string name)
    {
        using var stream = typeof(TargetCatalog).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.yaml")
            ?? throw new InvalidOperationException($"the built-in profile {name}.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return new ProfileYamlReader($"built-in {name}.yaml").Read(reader);
    }
}
