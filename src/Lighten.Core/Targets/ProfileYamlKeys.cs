namespace Lighten.Core.Targets;

/// <summary>The keys of the YAML form of a profile.</summary>
internal static class ProfileYamlKeys
{
    /// <summary>Top-level keys, in the order they are written.</summary>
    public static IReadOnlyList<string> Profile { get; } =
    [
        "name", "description", "cores", "gpuCores", "clockGHz", "peak", "bandwidthGBps", "cacheMiB", "cacheBandwidthGBps", "ramGiB", "ops", "sparseWeightsFaster",
        "efficiency", "halfEfficiencyDepth", "layerOverheadUs", "sources",
    ];

    /// <summary>The key of each op class under <c>efficiency</c>, in enum order (<c>depthwiseConv</c>).</summary>
    public static IReadOnlyList<string> OpClassKeys { get; } = [.. Enum.GetValues<OpClass>().Select(Key)];

    /// <summary>The key of <paramref name="opClass"/>: its name in camel case.</summary>
    public static string Key(OpClass opClass)
    {
        var name = opClass.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The op class whose key is <paramref name="key"/>, or null.</summary>
    public static OpClass? ParseOpClass(string key) =>
        Enum.GetValues<OpClass>().Cast<OpClass?>().FirstOrDefault(c => Key(c!.Value) == key);
}
