using Lighten.Core;

namespace Lighten.Cli;

/// <summary>How the CLI spells the options the library's errors name (<see cref="OptionKey"/>): as its flags.</summary>
public static class CliFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        [OptionKey.InputShape] = "--input-shape",
        [OptionKey.Layers] = "--layers",
        [OptionKey.Exclude] = "--exclude",
        [OptionKey.Cut] = "--cut",
        [OptionKey.NoAdapter] = "--no-adapter",
        [OptionKey.Size] = "--size",
        [OptionKey.MixedPrecision] = "--mixed-precision",
        [OptionKey.Resume] = "--resume",
        [OptionKey.Output] = "--out-dir",
    };

    /// <summary>The flag of <paramref name="key"/>, or null for a key the CLI has no flag for.</summary>
    public static string? Of(string key) => Flags.GetValueOrDefault(key);

    /// <summary><paramref name="text"/> (which may embed a library message) with its options spelled as flags.</summary>
    public static string Render(string text) => OptionKey.Render(text, Of);
}
